import { OrderNoLink, RefundSnLink, ShopperEmailLink } from "@/components/admin/identifier-links";
import { AuditReason, CodeDetails } from "@/components/admin/audit-reason";
import { auditReasonCodeText } from "@/lib/audit-reasons";
import { RequestIdLink } from "@/components/admin/request-id-link";
import Link from "next/link";
import { PaymentAdminActions } from "@/components/payment/admin/payment-admin-actions";
import { WebhookDeliveryList } from "@/components/payment/admin/webhook-delivery-list";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { getLocale, getTranslations } from "@/i18n/server";
import { formatDateTime } from "@/lib/dates";
import { formatMoney } from "@/lib/money";
import { PAYMENT_STATUS_TONE, REFUND_STATUS_TONE, failureKey, type PaymentStatusKey, type RefundStatusKey } from "@/lib/payment-ui";
import { api, orNotFound } from "@/trpc/server";

export async function generateMetadata() {
  return { title: (await getTranslations("admin.nav"))("payments") };
}

type Kind = "created" | "state_change" | "gateway_request" | "gateway_response" | "gateway_timeout" | "attempt_refused" | "idempotent_replay" | "notification_received" | "notification_duplicate" | "notification_rejected" | "refund_state_change" | "refund_created" | "webhook_attempt" | "reconciled" | "charge_reversal";
type Actor = "shopper" | "admin" | "system" | "workflow" | "gateway";

/** One payment for admins: summary, timeline from the payment log, gateway ledger, refunds, webhook deliveries, actions. */
export default async function AdminPaymentPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const [t, tc, locale, caller] = await Promise.all([getTranslations("payment"), getTranslations("common"), getLocale(), api()]);
  /** A timeline row's status (a payment's or a refund's) by its label; an unknown one as stored. */
  const statusLabel = (status: string | null) => {
    if (status === null) return "∅";
    if (t.has(`status.${status as "pending"}`)) return t(`status.${status as "pending"}`);
    if (t.has(`refundStatus.${status as "requested"}`)) return t(`refundStatus.${status as "requested"}`);
    return status;
  };
  const p = await orNotFound(caller.adminPayment.byId({ paymentId: id }));
  const money = (minor: number) => formatMoney(minor, p.currency, locale);
  const refundable = p.status === "succeeded" || p.status === "partially_refunded" ? p.amountMinor - p.refundedMinor - p.refundReservedMinor : 0;

  return (
    <div className="space-y-6">
      <Link href="/admin/payments" className="text-sm text-brand-700 hover:underline">
        ← {t("admin.detail.back")}
      </Link>
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="font-mono text-2xl font-semibold">{t("admin.detail.title", { paymentSn: p.paymentSn })}</h1>
        <Badge tone={PAYMENT_STATUS_TONE[p.status as PaymentStatusKey]}>{t(`status.${p.status as PaymentStatusKey}`)}</Badge>
      </div>
      <div className="grid gap-6 lg:grid-cols-[1fr_20rem]">
        <div className="min-w-0 space-y-6">
          <Card aria-labelledby="summary">
            <h2 id="summary" className="mb-3 font-medium">
              {t("admin.detail.summary")}
            </h2>
            <dl className="grid grid-cols-[10rem_1fr] gap-x-4 gap-y-1 text-sm">
              <dt className="text-slate-500">{t("admin.detail.order")}</dt>
              <dd>
                <OrderNoLink id={p.order.id} orderNo={p.order.orderNo} /> · {tc(`orderStatus.${p.order.status as "paid"}`)}
              </dd>
              <dt className="text-slate-500">{t("admin.detail.shopper")}</dt>
              <dd>
                {p.shopper.name} (<ShopperEmailLink email={p.shopper.email} />)
              </dd>
              <dt className="text-slate-500">{t("admin.detail.amount")}</dt>
              <dd>
                {money(p.amountMinor)} · {t(`method.${p.method}`)}
              </dd>
              <dt className="text-slate-500">{t("admin.detail.refunded")}</dt>
              <dd>{money(p.refundedMinor)}</dd>
              <dt className="text-slate-500">{t("admin.detail.held")}</dt>
              <dd>{money(p.refundReservedMinor)}</dd>
              <dt className="text-slate-500">{t("admin.detail.attempts")}</dt>
              <dd>{p.attemptCount}</dd>
              <dt className="text-slate-500">{t("admin.detail.expiresAt")}</dt>
              <dd>{formatDateTime(p.expiresAt, locale)}</dd>
              {p.failureCode && (
                <>
                  <dt className="text-slate-500">{t("admin.detail.failure")}</dt>
                  <dd>
                    {t(`failure.${failureKey(p.failureCode)}`)} <span className="font-mono text-xs text-slate-500">({p.failureCode})</span>
                  </dd>
                </>
              )}
            </dl>
          </Card>

          <Card aria-labelledby="timeline">
            <h2 id="timeline" className="mb-3 font-medium">
              {t("admin.detail.timeline")}
            </h2>
            {p.log.length === 0 ? (
              <p className="text-sm text-slate-500">{t("admin.detail.timelineEmpty")}</p>
            ) : (
              <ol className="space-y-2 border-l-2 border-slate-200 pl-4" aria-label={t("admin.detail.timeline")}>
                {p.log.map((entry) => (
                  <li key={entry.id} className="text-sm">
                    <div className="flex flex-wrap items-baseline gap-2">
                      <time className="text-xs text-slate-500" dateTime={entry.createdAt.toISOString()}>
                        {formatDateTime(entry.createdAt, locale)}
                      </time>
                      <span className="font-medium">{t(`admin.detail.kind.${entry.kind as Kind}`)}</span>
                      {entry.fromStatus || entry.toStatus ? (
                        <span className="text-xs">
                          {statusLabel(entry.fromStatus)} → {statusLabel(entry.toStatus)}
                        </span>
                      ) : null}
                      <span className="text-xs text-slate-500">{t(`admin.detail.actor.${entry.actor as Actor}`)}</span>
                    </div>
                    <div className="text-slate-600">
                      <AuditReason reasonCode={entry.reasonCode} reasonParams={entry.reasonParams} note={entry.kind === "refund_created" ? entry.message : null} />
                    </div>
                    <CodeDetails lines={[entry.kind, auditReasonCodeText(entry), entry.message, entry.data ? JSON.stringify(entry.data) : null]} />
                    {entry.requestId && <p className="text-[11px]"><RequestIdLink requestId={entry.requestId} /></p>}
                  </li>
                ))}
              </ol>
            )}
          </Card>

          <Card aria-labelledby="gateway">
            <h2 id="gateway" className="mb-3 font-medium">
              {t("admin.detail.gateway")}
            </h2>
            {p.gatewayCharges.length === 0 ? (
              <p className="text-sm text-slate-500">{t("admin.detail.gatewayEmpty")}</p>
            ) : (
              <ul className="space-y-1 text-sm">
                {p.gatewayCharges.map((c) => (
                  <li key={c.chargeId} className="flex flex-wrap gap-2">
                    <span className="font-mono text-xs">{c.chargeKey}</span>
                    <span className="font-mono text-xs text-slate-500">{c.chargeId}</span>
                    <span>{t(`admin.detail.chargeStatus.${c.status as "pending"}`)}</span>
                    {c.failureCode && (
                      <span className="text-rose-700">
                        {t(`failure.${failureKey(c.failureCode)}`)} <span className="font-mono text-xs text-slate-500">({c.failureCode})</span>
                      </span>
                    )}
                    {c.cardLast4 && <span className="text-slate-500">•••• {c.cardLast4}</span>}
                  </li>
                ))}
              </ul>
            )}
          </Card>

          <Card aria-labelledby="refunds">
            <h2 id="refunds" className="mb-3 font-medium">
              {t("admin.detail.refunds")}
            </h2>
            {p.refunds.length === 0 ? (
              <p className="text-sm text-slate-500">{t("admin.detail.noRefunds")}</p>
            ) : (
              <ul className="space-y-1 text-sm">
                {p.refunds.map((r) => (
                  <li key={r.id} className="flex flex-wrap items-center gap-2">
                    <RefundSnLink id={r.id} refundSn={r.refundSn} />
                    <span>{money(r.amountMinor)}</span>
                    <Badge tone={REFUND_STATUS_TONE[r.status as RefundStatusKey]}>{t(`refundStatus.${r.status as RefundStatusKey}`)}</Badge>
                    <span className="text-slate-500">{r.reason}</span>
                  </li>
                ))}
              </ul>
            )}
          </Card>

          <Card aria-labelledby="webhooks">
            <h2 id="webhooks" className="mb-3 font-medium">
              {t("admin.detail.webhooks")}
            </h2>
            <WebhookDeliveryList deliveries={p.deliveries} />
          </Card>
        </div>
        <div>
          <PaymentAdminActions paymentId={p.id} paymentSn={p.paymentSn} status={p.status} refundableMinor={refundable} currency={p.currency} />
        </div>
      </div>
    </div>
  );
}
