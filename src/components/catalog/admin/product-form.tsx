"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useTranslations } from "use-intl";
import { Button } from "@/components/ui/button";
import { SelectField, TextField } from "@/components/ui/field";
import { parseMoney } from "@/lib/money";
import { useTRPC } from "@/trpc/client";
import { domainCodeOf, hasFieldError } from "./form-errors";

export type ProductFormValue = {
  id: string;
  sku: string;
  nameEn: string;
  nameZh: string;
  descriptionEn: string;
  descriptionZh: string;
  categoryId: string;
  warehouseId: string;
  priceMinor: number;
  weightGrams: number;
  lengthMm: number;
  widthMm: number;
  heightMm: number;
  lowStockThreshold: number;
};
type Option = { id: string; label: string };

const whole = (value: FormDataEntryValue | null) => (/^\s*-?\d+\s*$/.test(String(value ?? "")) ? Number(value) : Number.NaN);

/**
 * Create or edit a product: both languages, SKU, category, price in yuan (sent as fen), parcel
 * weight and size (the shipping fee uses them), ship-from warehouse and low-stock threshold.
 * Field errors are shown in the reader's language, keyed by the field the server named.
 */
export function ProductForm({ initial, categories, warehouses }: { initial?: ProductFormValue; categories: Option[]; warehouses: Option[] }) {
  const t = useTranslations("catalog.admin");
  const trpc = useTRPC();
  const router = useRouter();
  const [priceInvalid, setPriceInvalid] = useState(false);
  const create = useMutation(trpc.adminCatalog.createProduct.mutationOptions({ onSuccess: (product) => router.push(`/admin/products/${product.id}?created=1`) }));
  const update = useMutation(trpc.adminCatalog.updateProduct.mutationOptions({ onSuccess: () => router.refresh() }));
  const mutation = initial ? update : create;
  const error = mutation.error;
  const err = (field: string, message = field) => (hasFieldError(error, field) ? t(`errors.${message}` as "errors.sku") : undefined);

  function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const priceMinor = parseMoney(String(form.get("price") ?? ""));
    setPriceInvalid(priceMinor === null || priceMinor <= 0);
    if (priceMinor === null || priceMinor <= 0) return;
    const value = {
      sku: String(form.get("sku") ?? ""),
      nameEn: String(form.get("nameEn") ?? ""),
      nameZh: String(form.get("nameZh") ?? ""),
      descriptionEn: String(form.get("descriptionEn") ?? ""),
      descriptionZh: String(form.get("descriptionZh") ?? ""),
      categoryId: String(form.get("categoryId") ?? ""),
      warehouseId: String(form.get("warehouseId") ?? ""),
      priceMinor,
      weightGrams: whole(form.get("weightGrams")),
      lengthMm: whole(form.get("lengthMm")),
      widthMm: whole(form.get("widthMm")),
      heightMm: whole(form.get("heightMm")),
      lowStockThreshold: whole(form.get("lowStockThreshold")),
    };
    if (initial) update.mutate({ ...value, id: initial.id });
    else create.mutate({ ...value, visible: form.get("visible") === "on" });
  }

  const skuError = domainCodeOf(error) === "SKU_TAKEN" ? t("errors.skuTaken") : err("sku");
  return (
    <form onSubmit={onSubmit} noValidate aria-label={initial ? t("products.edit") : t("products.new")} className="grid gap-4 rounded-lg border border-slate-200 bg-white p-5 sm:grid-cols-2">
      <TextField name="sku" label={t("fields.sku")} defaultValue={initial?.sku} required maxLength={40} error={skuError} />
      <TextField name="price" label={t("fields.price")} inputMode="decimal" defaultValue={initial ? (initial.priceMinor / 100).toFixed(2) : ""} required error={priceInvalid ? t("errors.price") : err("priceMinor", "price")} />
      <TextField name="nameEn" label={t("fields.nameEn")} defaultValue={initial?.nameEn} required maxLength={120} error={err("nameEn")} />
      <TextField name="nameZh" label={t("fields.nameZh")} lang="zh-CN" defaultValue={initial?.nameZh} required maxLength={120} error={err("nameZh")} />
      <TextArea name="descriptionEn" label={t("fields.descriptionEn")} defaultValue={initial?.descriptionEn} error={err("descriptionEn")} />
      <TextArea name="descriptionZh" label={t("fields.descriptionZh")} lang="zh-CN" defaultValue={initial?.descriptionZh} error={err("descriptionZh")} />
      <SelectField name="categoryId" label={t("fields.categoryId")} defaultValue={initial?.categoryId ?? categories[0]?.id} error={err("categoryId")}>
        {categories.map((c) => (
          <option key={c.id} value={c.id}>
            {c.label}
          </option>
        ))}
      </SelectField>
      <SelectField name="warehouseId" label={t("fields.warehouseId")} defaultValue={initial?.warehouseId ?? warehouses[0]?.id} error={err("warehouseId")}>
        {warehouses.map((w) => (
          <option key={w.id} value={w.id}>
            {w.label}
          </option>
        ))}
      </SelectField>
      <TextField name="weightGrams" label={t("fields.weightGrams")} inputMode="numeric" defaultValue={initial?.weightGrams ?? ""} required error={err("weightGrams")} />
      <TextField name="lowStockThreshold" label={t("fields.lowStockThreshold")} inputMode="numeric" defaultValue={initial?.lowStockThreshold ?? 5} error={err("lowStockThreshold")} />
      <TextField name="lengthMm" label={t("fields.lengthMm")} inputMode="numeric" defaultValue={initial?.lengthMm ?? 200} error={err("lengthMm")} />
      <TextField name="widthMm" label={t("fields.widthMm")} inputMode="numeric" defaultValue={initial?.widthMm ?? 150} error={err("widthMm")} />
      <TextField name="heightMm" label={t("fields.heightMm")} inputMode="numeric" defaultValue={initial?.heightMm ?? 100} error={err("heightMm")} />
      {!initial && (
        <label className="flex items-center gap-2 self-end text-sm">
          <input type="checkbox" name="visible" defaultChecked />
          {t("fields.visible")}
        </label>
      )}
      <div className="sm:col-span-2 space-y-2">
        <Button type="submit" disabled={mutation.isPending}>
          {initial ? t("products.save") : t("products.create")}
        </Button>
        {update.isSuccess && !update.isPending && (
          <p role="status" className="text-sm text-emerald-700">
            {t("products.saved")}
          </p>
        )}
        {error && (
          <p role="alert" className="text-sm text-rose-700">
            {t("products.failed")}
          </p>
        )}
      </div>
    </form>
  );
}

function TextArea({ label, error, name, ...props }: { label: string; error?: string; name: string } & React.TextareaHTMLAttributes<HTMLTextAreaElement>) {
  return (
    <label className="block space-y-1 text-sm sm:col-span-1">
      <span className="block font-medium text-slate-700">{label}</span>
      <textarea name={name} rows={4} maxLength={4000} aria-invalid={error ? true : undefined} className="w-full rounded-md border border-slate-300 px-3 py-2 text-sm aria-[invalid=true]:border-rose-500" {...props} />
      {error && (
        <span role="alert" className="block text-xs text-rose-600">
          {error}
        </span>
      )}
    </label>
  );
}
