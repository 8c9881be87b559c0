import Link from "next/link";
import { FilterInput, FilterSelect, chinaDayStart } from "@/components/payment/admin/filter-controls";
import { Pagination } from "@/components/shop/pagination";
import { Badge } from "@/components/ui/badge";
import { buttonClass } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/states";
import { getLocale, getTranslations } from "@/i18n/server";
import { formatDateTime } from "@/lib/dates";
import { formatMoney, parseMoney } from "@/lib/money";
import { PAYMENT_METHOD_KEYS, PAYMENT_STATUS_KEYS, PAYMENT_STATUS_TONE, type PaymentMethodKey, type PaymentStatusKey } from "@/lib/payment-ui";
import { api } from "@/trpc/server";

export const metadata = { title: "Payments" };

type Params = { status?: string; method?: string; from?: string; to?: string; orderNo?: string; paymentSn?: string; min?: string; max?: string; sort?: string; page?: string };
const SORTS = ["created_desc", "created_asc", "amount_desc", "amount_asc"] as const;

/** Admin → Payments: filters, sorting and server-side pagination, all in the URL. */
export default async function AdminPaymentsPage({ searchParams }: { searchParams: Promise<Params> }) {
  const params = await searchParams;
  const [t, tc, locale, caller] = await Promise.all([getTranslations("payment"), getTranslations("common"), getLocale(), api()]);
  const page = Math.max(1, Number(params.page) || 1);
  const status = PAYMENT_STATUS_KEYS.find((s) => s === params.status);
  const method = PAYMENT_METHOD_KEYS.find((m) => m === params.method);
  const sort = SORTS.find((s) => s === params.sort) ?? "created_desc";
  const min = params.min ? parseMoney(params.min) : null;
  const max = params.max ? parseMoney(params.max) : null;
  const result = await caller.adminPayment.list({
    page,
    pageSize: 20,
    status,
    method,
    from: chinaDayStart(params.from),
    to: chinaDayStart(params.to, 1),
    orderNo: params.orderNo || undefined,
    paymentSn: params.paymentSn || undefined,
    minAmountMinor: min ?? undefined,
    maxAmountMinor: max !== null && (min === null || max >= min) ? max : undefined,
    sort,
  });

  return (
    <div className="space-y-5">
      <h1 className="text-2xl font-semibold">{t("admin.list.title")}</h1>
      <form role="search" aria-label={t("admin.list.filters")} className="grid grid-cols-2 gap-3 rounded-lg border border-slate-200 bg-white p-4 md:grid-cols-4" action="/admin/payments">
        <FilterSelect
          label={t("admin.list.status")}
          name="status"
          defaultValue={status}
          options={[{ value: "", label: t("admin.list.any") }, ...PAYMENT_STATUS_KEYS.map((s) => ({ value: s, label: t(`status.${s}`) }))]}
        />
        <FilterSelect
          label={t("admin.list.method")}
          name="method"
          defaultValue={method}
          options={[{ value: "", label: t("admin.list.any") }, ...PAYMENT_METHOD_KEYS.map((m) => ({ value: m, label: t(`method.${m}`) }))]}
        />
        <FilterInput label={t("admin.list.from")} name="from" type="date" defaultValue={params.from} />
        <FilterInput label={t("admin.list.to")} name="to" type="date" defaultValue={params.to} />
        <FilterInput label={t("admin.list.orderNo")} name="orderNo" defaultValue={params.orderNo} />
        <FilterInput label={t("admin.list.paymentSn")} name="paymentSn" defaultValue={params.paymentSn} />
        <FilterInput label={t("admin.list.minAmount")} name="min" inputMode="decimal" defaultValue={params.min} />
        <FilterInput label={t("admin.list.maxAmount")} name="max" inputMode="decimal" defaultValue={params.max} />
        <FilterSelect label={t("admin.list.sort")} name="sort" defaultValue={sort} options={SORTS.map((s) => ({ value: s, label: t(`admin.list.sorts.${s}`) }))} />
        <div className="col-span-2 flex items-end gap-2 md:col-span-3">
          <button type="submit" className={buttonClass("primary")}>
            {t("admin.list.apply")}
          </button>
          <Link href="/admin/payments" className={buttonClass("ghost")}>
            {t("admin.list.reset")}
          </Link>
        </div>
      </form>

      <p className="text-sm text-slate-600">{t("admin.list.total", { count: result.total })}</p>
      {result.items.length === 0 ? (
        <EmptyState title={t("admin.list.empty")} />
      ) : (
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className="min-w-full text-sm">
            <thead className="bg-slate-50 text-left text-slate-600">
              <tr>
                <th className="px-3 py-2">{t("admin.list.columns.paymentSn")}</th>
                <th className="px-3 py-2">{t("admin.list.columns.order")}</th>
                <th className="px-3 py-2">{t("admin.list.columns.shopper")}</th>
                <th className="px-3 py-2 text-right">{t("admin.list.columns.amount")}</th>
                <th className="px-3 py-2">{t("admin.list.columns.method")}</th>
                <th className="px-3 py-2">{t("admin.list.columns.status")}</th>
                <th className="px-3 py-2">{t("admin.list.columns.created")}</th>
              </tr>
            </thead>
            <tbody>
              {result.items.map((p) => (
                <tr key={p.id} className="border-t border-slate-100">
                  <td className="px-3 py-2 font-mono">
                    <Link className="text-brand-700 hover:underline" href={`/admin/payments/${p.id}`}>
                      {p.paymentSn}
                    </Link>
                  </td>
                  <td className="px-3 py-2 font-mono text-xs">{p.orderNo}</td>
                  <td className="px-3 py-2">{p.shopperEmail}</td>
                  <td className="px-3 py-2 text-right tabular-nums">{formatMoney(p.amountMinor, p.currency, locale)}</td>
                  <td className="px-3 py-2">{t(`method.${p.method as PaymentMethodKey}`)}</td>
                  <td className="px-3 py-2">
                    <Badge tone={PAYMENT_STATUS_TONE[p.status as PaymentStatusKey]}>{t(`status.${p.status as PaymentStatusKey}`)}</Badge>
                  </td>
                  <td className="px-3 py-2 whitespace-nowrap">{formatDateTime(p.createdAt, locale)}</td>
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
        basePath="/admin/payments"
        params={{ status, method, from: params.from, to: params.to, orderNo: params.orderNo, paymentSn: params.paymentSn, min: params.min, max: params.max, sort }}
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
