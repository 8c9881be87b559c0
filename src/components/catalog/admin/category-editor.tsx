"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useTranslations } from "use-intl";
import { Button } from "@/components/ui/button";
import { useTRPC } from "@/trpc/client";
import { domainCodeOf, hasFieldError } from "./form-errors";

type Category = { id: string; slug: string; nameEn: string; nameZh: string; sortOrder: number };
const FIELD = "w-full rounded-md border border-slate-300 px-2 py-1.5 text-sm aria-[invalid=true]:border-rose-500";

/** One category's row of inputs (or the empty row that adds one), saved on its own. */
export function CategoryEditor({ category }: { category?: Category }) {
  const t = useTranslations("catalog.admin");
  const trpc = useTRPC();
  const router = useRouter();
  const create = useMutation(trpc.adminCatalog.createCategory.mutationOptions({ onSuccess: () => router.refresh() }));
  const update = useMutation(trpc.adminCatalog.updateCategory.mutationOptions({ onSuccess: () => router.refresh() }));
  const mutation = category ? update : create;
  const error = mutation.error;
  const messages = [
    domainCodeOf(error) === "CATEGORY_SLUG_TAKEN" ? t("errors.slugTaken") : hasFieldError(error, "slug") ? t("errors.slug") : null,
    hasFieldError(error, "nameEn") ? t("errors.nameEn") : null,
    hasFieldError(error, "nameZh") ? t("errors.nameZh") : null,
    hasFieldError(error, "sortOrder") ? t("errors.sortOrder") : null,
  ].filter(Boolean);

  return (
    <form
      aria-label={category ? `${t("categories.title")}: ${category.slug}` : t("categories.new")}
      noValidate
      className="grid grid-cols-2 items-end gap-2 border-b border-slate-100 py-2 md:grid-cols-[1fr_1fr_1fr_6rem_auto]"
      onSubmit={(event) => {
        event.preventDefault();
        const form = new FormData(event.currentTarget);
        const order = String(form.get("sortOrder") ?? "0");
        const value = {
          slug: String(form.get("slug") ?? ""),
          nameEn: String(form.get("nameEn") ?? ""),
          nameZh: String(form.get("nameZh") ?? ""),
          sortOrder: /^\s*-?\d+\s*$/.test(order) ? Number(order) : Number.NaN,
        };
        if (category) update.mutate({ ...value, id: category.id });
        else create.mutate(value, { onSuccess: () => (event.target as HTMLFormElement).reset() });
      }}
    >
      <label className="text-xs text-slate-600">
        {t("categories.slug")}
        <input name="slug" defaultValue={category?.slug} maxLength={64} className={FIELD} aria-invalid={hasFieldError(error, "slug") || domainCodeOf(error) === "CATEGORY_SLUG_TAKEN" || undefined} />
      </label>
      <label className="text-xs text-slate-600">
        {t("categories.nameEn")}
        <input name="nameEn" defaultValue={category?.nameEn} maxLength={120} className={FIELD} aria-invalid={hasFieldError(error, "nameEn") || undefined} />
      </label>
      <label className="text-xs text-slate-600">
        {t("categories.nameZh")}
        <input name="nameZh" lang="zh-CN" defaultValue={category?.nameZh} maxLength={120} className={FIELD} aria-invalid={hasFieldError(error, "nameZh") || undefined} />
      </label>
      <label className="text-xs text-slate-600">
        {t("categories.sortOrder")}
        <input name="sortOrder" inputMode="numeric" defaultValue={category?.sortOrder ?? 0} className={FIELD} aria-invalid={hasFieldError(error, "sortOrder") || undefined} />
      </label>
      <Button type="submit" variant={category ? "secondary" : "primary"} disabled={mutation.isPending}>
        {category ? t("categories.save") : t("categories.add")}
      </Button>
      {messages.length > 0 && (
        <p role="alert" className="col-span-full text-xs text-rose-600">
          {messages.join(" ")}
        </p>
      )}
      {update.isSuccess && (
        <p role="status" className="col-span-full text-xs text-emerald-700">
          {t("categories.saved")}
        </p>
      )}
    </form>
  );
}
