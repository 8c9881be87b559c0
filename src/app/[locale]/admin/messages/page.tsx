import Link from "next/link";
import { FilterForm, FilterInput, FilterSelect } from "@/components/admin/filter-form";
import { Badge } from "@/components/ui/badge";
import { DataTable } from "@/components/ui/data-table";
import { Pagination } from "@/components/ui/pagination";
import { getLocale, getTranslations } from "@/i18n/server";
import { formatDateTime } from "@/lib/dates";
import { firstParams, pageParam, type RawSearchParams } from "@/lib/search-params";
import { api } from "@/trpc/server";

export async function generateMetadata() {
  return { title: (await getTranslations("catalog.messages"))("admin.title") };
}

const STATUSES = ["open", "answered", "closed"] as const;
const TYPES = ["question", "complaint", "after_sale", "suggestion"] as const;
const TONE = { open: "warning", answered: "success", closed: "neutral" } as const;

/** The shop's inbox of customer messages, filtered by status, type and text. */
export default async function AdminMessagesPage({ searchParams }: { searchParams: Promise<RawSearchParams> }) {
  const [params, t, locale, caller] = await Promise.all([searchParams.then((raw) => firstParams(raw, 100)), getTranslations("catalog.messages"), getLocale(), api()]);
  const page = pageParam(params.page, 10_000);
  const status = STATUSES.find((s) => s === params.status);
  const type = TYPES.find((s) => s === params.type);
  const result = await caller.adminMessage.list({ page, pageSize: 25, status, type, q: params.q || undefined });
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">{t("admin.title")}</h1>
      <FilterForm label={t("admin.filters")} action="/admin/messages" className="sm:grid-cols-2 lg:grid-cols-4">
        <FilterSelect label={t("columns.status")} name="status" defaultValue={status} anyLabel={t("admin.any")} options={STATUSES.map((s) => ({ value: s, label: t(`statuses.${s}`) }))} />
        <FilterSelect label={t("columns.type")} name="type" defaultValue={type} anyLabel={t("admin.any")} options={TYPES.map((s) => ({ value: s, label: t(`types.${s}`) }))} />
        <FilterInput label={t("admin.search")} name="q" type="search" defaultValue={params.q} />
      </FilterForm>
      <DataTable
        label={t("admin.title")}
        rows={result.items}
        rowKey={(m) => m.id}
        empty={t("empty")}
        columns={[
          {
            id: "subject",
            header: t("columns.subject"),
            cell: (m) => (
              <Link href={`/admin/messages/${m.id}`} className="text-brand-700 hover:underline">
                {m.preview}
              </Link>
            ),
          },
          { id: "type", header: t("columns.type"), cell: (m) => t(`types.${m.type}`) },
          { id: "status", header: t("columns.status"), cell: (m) => <Badge tone={TONE[m.status]}>{t(`statuses.${m.status}`)}</Badge> },
          { id: "order", header: t("columns.order"), className: "font-mono text-xs", cell: (m) => m.orderNo ?? "—" },
          { id: "shopper", header: t("columns.shopper"), cell: (m) => `${m.shopperName} <${m.shopperEmail}>` },
          { id: "updated", header: t("columns.updated"), className: "whitespace-nowrap", cell: (m) => formatDateTime(m.lastPostAt, locale) },
        ]}
      />
      <Pagination page={page} pageSize={result.pageSize} total={result.total} basePath="/admin/messages" params={{ status, type, q: params.q }} />
    </div>
  );
}
