"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useTranslations } from "use-intl";
import { Button } from "@/components/ui/button";
import { useTRPC } from "@/trpc/client";

type Status = "visible" | "hidden" | "archived";

/** The moves the product status machine allows from each status, as buttons. */
const MOVES: Record<Status, { to: Status; label: "show" | "hide" | "archive" | "restore" }[]> = {
  visible: [
    { to: "hidden", label: "hide" },
    { to: "archived", label: "archive" },
  ],
  hidden: [
    { to: "visible", label: "show" },
    { to: "archived", label: "archive" },
  ],
  archived: [{ to: "hidden", label: "restore" }],
};

export function ProductStatusActions({ id, status }: { id: string; status: Status }) {
  const t = useTranslations("catalog");
  const trpc = useTRPC();
  const router = useRouter();
  const move = useMutation(trpc.adminCatalog.setProductStatus.mutationOptions({ onSuccess: () => router.refresh() }));
  return (
    <section aria-labelledby="product-status" className="space-y-2 rounded-lg border border-slate-200 bg-white p-4">
      <h2 id="product-status" className="font-medium">
        {t("admin.statusActions.title")}
      </h2>
      <p className="text-sm text-slate-600">{t("admin.statusActions.current", { status: t(`status.${status}`) })}</p>
      <div className="flex flex-wrap gap-2">
        {MOVES[status].map((m) => (
          <Button key={m.to} variant={m.to === "archived" ? "ghost" : "secondary"} disabled={move.isPending} onClick={() => move.mutate({ id, status: m.to })}>
            {t(`admin.statusActions.${m.label}`)}
          </Button>
        ))}
      </div>
      {move.isError && (
        <p role="alert" className="text-sm text-rose-700">
          {t("admin.errors.transition")}
        </p>
      )}
    </section>
  );
}
