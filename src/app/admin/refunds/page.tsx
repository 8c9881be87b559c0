import Link from "next/link";
import { FilterInput, FilterSelect, chinaDayStart } from "@/components/payment/admin/filter-controls";
import { Pagination } from "@/components/shop/pagination";
import { Badge } from "@/components/ui/badge";
import { buttonClass } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/states";
import { getLocale, getTranslations } from "@/i18n/server";
import { formatDateTime } from "@/lib/dates";
import { formatMoney } from "@/lib/money";
import { REFUND_STATUS_KEYS, REFUND_STATUS_TONE, type RefundStatusKey } from "@/lib/payment-ui";
import { api } from "@/trpc/server";

export const metadata = { title: "Refunds" };

type Params = { status?: string; from?: string; to?: string; refundSn?: string; orderNo?: string; sort?: string; page?: string };
const SORTS = ["created_desc", "created_asc", "amount_desc", "amount_asc"] as const;

/** Admin → Refunds: filters, sorting and server-side pagination. Requests waiting for review come first by default filter. */
export default async function AdminRefundsPage({ searchParams }: { searchParams: Promise<Params> }) {
  const params = await searchParams;
  const [t, tc, locale, caller] = await Promise.all([getTranslations("payment"), getTranslations("common"), getLocale(), api()]);
  const page = Math.max(1, Number(params.page) || 1);
  const status = REFUND_STATUS_KEYS.find((s) => s === params.status);
  const sort = SORTS.find((s) => s === params.sort) ?? "created_desc";
  const result = await caller.adminPayment.refunds.list({
    page,
    pageSize: 20,
    status,
    from: chinaDayStart(params.from),
    to: chinaDayStart(params.to, 1),
    refundSn: params.refundSn || undefined,
    orderNo: params.orderNo || undefined,
    sort,
  });

  return (
    <div className="space-y-5">
      <h1 className="text-2xl font-semibold">{t("admin.refunds.title")}</h1>
      <form role="search" aria-label={t("admin.refunds.filters")} className="grid grid-cols-2 gap-3 rounded-lg border border-slate-200 bg-white p-4 md:grid-cols-4" action="/admin/refunds">
        <FilterSelect
          label={t("admin.refunds.status")}
          name="status"
          defaultValue={status}
          options={[{ value: "", label: t("admin.refunds.any") }, ...REFUND_STATUS_KEYS.map((s) => ({ value: s, label: t(`refundStatus.${s}`) }))]}
        />
        <FilterInput label={t("admin.refunds.from")} name="from" type="date" defaultValue={params.from} />
        <FilterInput label={t("admin.refunds.to")} name="to" type="date" defaultValue={params.to} />
        <FilterInput label={t("admin.refunds.refundSn")} name="refundSn" defaultValue={params.refundSn} />
        <FilterInput label={t("admin.refunds.orderNo")} name="orderNo" defaultValue={params.orderNo} />
        <FilterSelect label={t("admin.refunds.sort")} name="sort" defaultValue={sort} options={SORTS.map((s) => ({ value: s, label: t(`admin.list.sorts.${s}`) }))} />
        <div className="col-span-2 flex items-end gap-2">
          <button type="submit" className={buttonClass("primary")}>
            {t("admin.list.apply")}
          </button>
          <Link href="/admin/refunds" className={buttonClass("ghost")}>
            {t("admin.list.reset")}
          </Link>
        </div>
      </form>

      <p className="text-sm text-slate-600">{t("admin.refunds.total", { count: result.total })}</p>
      {result.items.length === 0 ? (
        <EmptyState title={t("admin.refunds.empty")} />
      ) : (
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className="min-w-full text-sm">
            <thead className="bg-slate-50 text-left text-slate-600">
              <tr>
                <th className="px-3 py-2">{t("admin.refunds.columns.refundSn")}</th>
                <th className="px-3 py-2">{t("admin.refunds.columns.order")}</th>
                <th className="px-3 py-2">{t("admin.refunds.columns.shopper")}</th>
                <th className="px-3 py-2 text-right">{t("admin.refunds.columns.amount")}</th>
                <th className="px-3 py-2">{t("admin.refunds.columns.reason")}</th>
                <th className="px-3 py-2">{t("admin.refunds.columns.status")}</th>
                <th className="px-3 py-2">{t("admin.refunds.columns.created")}</th>
              </tr>
            </thead>
            <tbody>
              {result.items.map((r) => (
                <tr key={r.id} className="border-t border-slate-100">
                  <td className="px-3 py-2 font-mono">
                    <Link className="text-brand-700 hover:underline" href={`/admin/refunds/${r.id}`}>
                      {r.refundSn}
                    </Link>
                  </td>
                  <td className="px-3 py-2 font-mono text-xs">{r.orderNo}</td>
                  <td className="px-3 py-2">{r.shopperEmail}</td>
                  <td className="px-3 py-2 text-right tabular-nums">{formatMoney(r.amountMinor, r.currency, locale)}</td>
                  <td className="max-w-48 truncate px-3 py-2" title={r.reason}>
                    {r.reason}
                  </td>
                  <td className="px-3 py-2">
                    <Badge tone={REFUND_STATUS_TONE[r.status as RefundStatusKey]}>{t(`refundStatus.${r.status as RefundStatusKey}`)}</Badge>
                  </td>
                  <td className="px-3 py-2 whitespace-nowrap">{formatDateTime(r.createdAt, locale)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pagination
        page={page}
        pageSize={result.pageSize}
        total={result.total}
        basePath="/admin/refunds"
        params={{ status, from: params.from, to: params.to, refundSn: params.refundSn, orderNo: params.orderNo, sort }}
        labels={{
          nav: tc("pagination.label"),
          previous: tc("pagination.previous"),
          next: tc("pagination.next"),
          pageOf: tc("pagination.pageOf", { page, pages: Math.max(1, Math.ceil(result.total / result.pageSize)) }),
        }}
      />
    </div>
  );
}
