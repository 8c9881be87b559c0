import Link from "next/link";
import { OrdersPerDayChart } from "@/components/admin/dashboard/orders-per-day-chart";
import { AutoRefresh } from "@/components/layout/auto-refresh";
import { Card } from "@/components/ui/card";
import { getLocale, getTranslations } from "@/i18n/server";
import { formatDateTime } from "@/lib/dates";
import { formatMoney } from "@/lib/money";
import { api, getSession } from "@/trpc/server";

export const dynamic = "force-dynamic";

export async function generateMetadata() {
  return { title: (await getTranslations("dashboard"))("title") };
}

const REFRESH_SECONDS = 30;

type Money = { currency: string; amountMinor: number }[];

/**
 * The admin home: today's and the last 7 days' figures, the queues that need a person (each a
 * count linking to the list filtered to exactly those items), orders per day and what happened
 * recently. Refreshes itself while open.
 */
export default async function AdminDashboardPage() {
  const [t, tOrder, tPayment, tLogistics, locale, session, caller] = await Promise.all([
    getTranslations("dashboard"),
    getTranslations("common.orderStatus"),
    getTranslations("payment"),
    getTranslations("logistics.status"),
    getLocale(),
    getSession(),
    api(),
  ]);
  const data = await caller.adminDashboard.get();
  const money = (amounts: Money) => (amounts.length === 0 ? formatMoney(0, "CNY", locale) : amounts.map((m) => formatMoney(m.amountMinor, m.currency, locale)).join(" + "));
  const percent = (rate: number | null) => (rate === null ? t("figures.none") : new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 1 }).format(rate));
  const statusLabel = (kind: string, status: string) => {
    if (kind === "order") return tOrder(status as "paid");
    if (kind === "payment") return tPayment(`status.${status as "pending"}`);
    if (kind === "refund") return tPayment(`refundStatus.${status as "requested"}`);
    return tLogistics(status as "created");
  };

  const queues = [
    { key: "toShip", count: data.queues.toShip, href: "/admin/orders?status=paid" },
    { key: "refundsToReview", count: data.queues.refundsToReview, href: "/admin/refunds?status=requested" },
    { key: "shipmentExceptions", count: data.queues.shipmentExceptions, href: "/admin/shipments?queue=exception" },
    { key: "staleShipments", count: data.queues.staleShipments, href: "/admin/shipments?queue=stale" },
    { key: "failedWebhooks", count: data.queues.failedWebhooks, href: "/admin/webhooks?status=failed" },
    { key: "failedTasks", count: data.queues.failedTasks, href: "/admin/tasks?failures=lastDay#failures" },
    { key: "lowStock", count: data.queues.lowStock, href: "/admin/stock" },
  ] as const;

  const figures = [
    { key: "orders", today: String(data.orders.today), week: String(data.orders.week), todayHref: `/admin/orders?from=${data.today}`, weekHref: `/admin/orders?from=${data.weekFrom}` },
    { key: "revenue", today: money(data.revenue.today), week: money(data.revenue.week), hint: t("figures.revenueHint") },
    { key: "successRate", today: percent(data.paymentSuccessRate.today), week: percent(data.paymentSuccessRate.week), hint: t("figures.successRateHint") },
    {
      key: "refunds",
      today: `${t("figures.refundsValue", { count: data.refunds.today })} · ${t("figures.refunded", { amount: money(data.refunds.refundedToday) })}`,
      week: `${t("figures.refundsValue", { count: data.refunds.week })} · ${t("figures.refunded", { amount: money(data.refunds.refundedWeek) })}`,
      todayHref: `/admin/refunds?from=${data.today}`,
      weekHref: `/admin/refunds?from=${data.weekFrom}`,
    },
  ] as const;

  return (
    <div className="space-y-6">
      <AutoRefresh seconds={REFRESH_SECONDS} />
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h1 className="text-2xl font-semibold">{t("title")}</h1>
        <p className="text-xs text-slate-500">{t("updated", { time: formatDateTime(data.generatedAt, locale), seconds: REFRESH_SECONDS })}</p>
      </div>
      <p className="text-slate-600">{t("welcome", { name: session?.name ?? "" })}</p>

      <section aria-label={t("figures.label")} className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
        {figures.map((f) => (
          <Card key={f.key} className="space-y-2" data-testid={`figure-${f.key}`}>
            <h2 className="text-sm font-medium text-slate-600" title={"hint" in f ? f.hint : undefined}>
              {t(`figures.${f.key}`)}
            </h2>
            <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-sm">
              <dt className="text-slate-500">{t("figures.today")}</dt>
              <dd className="font-semibold" data-testid={`figure-${f.key}-today`}>
                {"todayHref" in f ? <Link href={f.todayHref} className="hover:underline">{f.today}</Link> : f.today}
              </dd>
              <dt className="text-slate-500">{t("figures.week")}</dt>
              <dd className="font-semibold" data-testid={`figure-${f.key}-week`}>
                {"weekHref" in f ? <Link href={f.weekHref} className="hover:underline">{f.week}</Link> : f.week}
              </dd>
            </dl>
            {"hint" in f && <p className="text-xs text-slate-500">{f.hint}</p>}
          </Card>
        ))}
      </section>

      <section aria-labelledby="queues-title" className="space-y-2">
        <h2 id="queues-title" className="text-lg font-semibold">{t("queues.title")}</h2>
        <ul className="grid gap-2 sm:grid-cols-2 lg:grid-cols-4">
          {queues.map((q) => (
            <li key={q.key}>
              <Link
                href={q.href}
                data-testid={`queue-${q.key}`}
                className="flex items-center justify-between rounded-lg border border-slate-200 bg-white px-4 py-3 hover:border-brand-600"
              >
                <span className="text-sm">{t(`queues.${q.key}`)}</span>
                <span className={q.count > 0 ? "text-xl font-semibold text-amber-700" : "text-xl font-semibold text-slate-400"} data-testid="queue-count">
                  {q.count}
                </span>
              </Link>
            </li>
          ))}
        </ul>
      </section>

      <div className="grid gap-6 lg:grid-cols-2">
        <OrdersPerDayChart days={data.ordersPerDay} />
        <Card className="space-y-2">
          <h2 className="font-medium">{t("recent.title")}</h2>
          {data.recent.length === 0 ? (
            <p className="text-sm text-slate-500">{t("recent.empty")}</p>
          ) : (
            <ul className="divide-y divide-slate-100 text-sm" data-testid="recent-events">
              {data.recent.map((e) => (
                <li key={`${e.kind}-${e.reference}-${e.at.getTime()}-${e.status}`} className="flex flex-wrap items-baseline gap-x-2 py-1.5">
                  <span className="text-xs text-slate-500">{formatDateTime(e.at, locale)}</span>
                  <span className="text-xs font-medium uppercase text-slate-500">{t(`recent.kind.${e.kind}`)}</span>
                  <Link href={e.href} className="font-mono text-xs text-brand-700 underline">
                    {e.reference}
                  </Link>
                  <span>
                    {e.fromStatus ? `${statusLabel(e.kind, e.fromStatus)} → ` : ""}
                    {statusLabel(e.kind, e.status)}
                  </span>
                  {e.amount && <span className="text-slate-600">{formatMoney(e.amount.amountMinor, e.amount.currency, locale)}</span>}
                  {e.kind !== "order" && <span className="text-xs text-slate-500">{t("recent.forOrder", { orderNo: e.orderNo })}</span>}
                </li>
              ))}
            </ul>
          )}
        </Card>
      </div>
    </div>
  );
}
