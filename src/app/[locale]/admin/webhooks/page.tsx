import Link from "next/link";
import { FilterForm, FilterSelect } from "@/components/admin/filter-form";
import { Badge } from "@/components/ui/badge";
import { DataTable } from "@/components/ui/data-table";
import { Pagination } from "@/components/ui/pagination";
import { getLocale, getTranslations } from "@/i18n/server";
import { formatDateTime } from "@/lib/dates";
import { firstParams, pageParam, type RawSearchParams } from "@/lib/search-params";
import { api } from "@/trpc/server";

export async function generateMetadata() {
  return { title: (await getTranslations("dashboard.webhooks"))("title") };
}

const STATUSES = ["pending", "delivered", "failed"] as const;
const TONE = { pending: "warning", delivered: "success", failed: "danger" } as const;

/** Admin → Webhooks: every delivery to the merchant's endpoints, filtered by status (the admin home links to the failed ones). */
export default async function AdminWebhookDeliveriesPage({ searchParams }: { searchParams: Promise<RawSearchParams> }) {
  const params: { status?: string; page?: string } = firstParams(await searchParams, 20);
  const [t, locale, caller] = await Promise.all([getTranslations("dashboard.webhooks"), getLocale(), api()]);
  const page = pageParam(params.page, 100_000);
  const status = STATUSES.find((s) => s === params.status);
  const result = await caller.adminPayment.webhooks.allDeliveries({ status, page, pageSize: 20 });
  return (
    <div className="space-y-5">
      <h1 className="text-2xl font-semibold">{t("title")}</h1>
      <FilterForm label={t("filters")} action="/admin/webhooks" className="md:grid-cols-4">
        <FilterSelect label={t("status")} name="status" defaultValue={status} anyLabel={t("any")} options={STATUSES.map((s) => ({ value: s, label: t(`statuses.${s}`) }))} />
      </FilterForm>
      <p className="text-sm text-slate-600" data-testid="list-total">
        {t("total", { count: result.total })}
      </p>
      <DataTable
        label={t("title")}
        rows={result.items}
        rowKey={(d) => d.id}
        empty={t("empty")}
        columns={[
          { id: "event", header: t("event"), className: "font-mono text-xs", cell: (d) => d.eventType },
          { id: "endpoint", header: t("endpoint"), className: "break-all text-xs", cell: (d) => d.url },
          {
            id: "payment",
            header: t("payment"),
            cell: (d) =>
              d.paymentId ? (
                <Link href={`/admin/payments/${d.paymentId}`} className="text-brand-700 hover:underline">
                  {t("payment")}
                </Link>
              ) : null,
          },
          { id: "status", header: t("status"), cell: (d) => <Badge tone={TONE[d.status]}>{t(`statuses.${d.status}`)}</Badge> },
          { id: "attempts", header: t("attempts"), align: "right", cell: (d) => d.attempts },
          { id: "lastAnswer", header: t("lastAnswer"), className: "text-xs", cell: (d) => d.lastStatusCode ?? d.lastError ?? "—" },
          { id: "created", header: t("createdAt"), className: "whitespace-nowrap", cell: (d) => formatDateTime(d.createdAt, locale) },
        ]}
      />
      <Pagination page={page} pageSize={result.pageSize} total={result.total} basePath="/admin/webhooks" params={{ status }} />
    </div>
  );
}
