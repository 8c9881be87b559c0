import Link from "next/link";
import { DataTable } from "@/components/ui/data-table";
import { Pagination } from "@/components/ui/pagination";
import { getLocale, getTranslations } from "@/i18n/server";
import { firstParams, pageParam, type RawSearchParams } from "@/lib/search-params";
import { api } from "@/trpc/server";

export async function generateMetadata() {
  const t = await getTranslations("catalog.admin.stock");
  return { title: t("lowTitle") };
}

/** The low-stock queue: products at or below their threshold, emptiest first, each linked to its stock page. */
export default async function LowStockPage({ searchParams }: { searchParams: Promise<RawSearchParams> }) {
  const [params, t, td, locale, caller] = await Promise.all([searchParams.then((raw) => firstParams(raw, 20)), getTranslations("catalog.admin.stock"), getTranslations("dashboard"), getLocale(), api()]);
  const page = pageParam(params.page, 10_000);
  const result = await caller.adminStock.lowStock({ page, pageSize: 25 });
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">{t("lowTitle")}</h1>
      <p className="text-sm text-slate-600">{t("lowIntro")}</p>
      <p className="text-sm text-slate-600" data-testid="list-total">
        {td("listTotal", { count: result.total })}
      </p>
      <DataTable
        label={t("lowTitle")}
        rows={result.items}
        rowKey={(r) => r.productId}
        empty={t("lowEmpty")}
        columns={[
          { id: "sku", header: t("lowColumns.sku"), className: "font-mono text-xs", cell: (r) => r.sku },
          {
            id: "name",
            header: t("lowColumns.name"),
            cell: (r) => (
              <Link href={`/admin/products/${r.productId}`} className="text-brand-700 hover:underline">
                {locale === "zh-CN" && r.nameZh ? r.nameZh : r.nameEn}
              </Link>
            ),
          },
          { id: "available", header: t("lowColumns.available"), align: "right", cell: (r) => <span className="font-medium text-rose-700">{r.available}</span> },
          { id: "reserved", header: t("lowColumns.reserved"), align: "right", cell: (r) => r.reserved },
          { id: "threshold", header: t("lowColumns.threshold"), align: "right", cell: (r) => r.lowStockThreshold },
          { id: "visible", header: t("lowColumns.visible"), cell: (r) => (r.visible ? t("yes") : t("no")) },
        ]}
      />
      <Pagination page={page} pageSize={result.pageSize} total={result.total} basePath="/admin/stock" params={{}} />
    </div>
  );
}
