import { OrderNoLink, PaymentSnLink, ShopperEmailLink } from "@/components/admin/identifier-links";
import { AuditReason, CodeDetails } from "@/components/admin/audit-reason";
import { auditReasonCodeText } from "@/lib/audit-reasons";
import Link from "next/link";
import { RefundReviewForm } from "@/components/payment/admin/refund-review-form";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { getLocale, getTranslations } from "@/i18n/server";
import { formatDateTime } from "@/lib/dates";
import { formatMoney } from "@/lib/money";
import { REFUND_STATUS_TONE, failureKey, type PaymentStatusKey, type RefundStatusKey } from "@/lib/payment-ui";
import { api, orNotFound } from "@/trpc/server";

export async function generateMetadata() {
  return { title: (await getTranslations("payment.admin.refunds"))("title") };
}

/** One refund for admins: amounts, the payment and order, the review form while it is requested, and its log. */
export default async function AdminRefundPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const [t, tc, locale, caller] = await Promise.all([getTranslations("payment"), getTranslations("common"), getLocale(), api()]);
  /** A timeline row's status (a payment's or a refund's) by its label; an unknown one as stored. */
  const statusLabel = (status: string | null) => {
    if (status === null) return "∅";
    if (t.has(`status.${status as "pending"}`)) return t(`status.${status as "pending"}`);
    if (t.has(`refundStatus.${status as "requested"}`)) return t(`refundStatus.${status as "requested"}`);
    return status;
  };
  const r = await orNotFound(caller.adminPayment.refunds.byId({ refundId: id }));
  const money = (minor: number) => formatMoney(minor, r.currency, locale);
  return (
    <div className="space-y-6">
      <Link href="/admin/refunds" className="text-sm text-brand-700 hover:underline">
        ← {t("admin.refunds.back")}
      </Link>
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="font-mono text-2xl font-semibold">{t("admin.refunds.detailTitle", { refundSn: r.refundSn })}</h1>
        <Badge tone={REFUND_STATUS_TONE[r.status as RefundStatusKey]}>{t(`refundStatus.${r.status as RefundStatusKey}`)}</Badge>
      </div>
      <div className="grid gap-6 lg:grid-cols-[1fr_20rem]">
        <div className="min-w-0 space-y-6">
          <Card>
            <dl className="grid grid-cols-[10rem_1fr] gap-x-4 gap-y-1 text-sm">
              <dt className="text-slate-500">{t("admin.refunds.columns.amount")}</dt>
              <dd className="font-semibold">{money(r.amountMinor)}</dd>
              <dt className="text-slate-500">{t("admin.refunds.columns.reason")}</dt>
              <dd>{r.reason}</dd>
              <dt className="text-slate-500">{t("admin.refunds.requestedBy")}</dt>
              <dd>
                {t(`admin.detail.actor.${r.requestedBy}`)} · <ShopperEmailLink email={r.shopperEmail} />
              </dd>
              <dt className="text-slate-500">{t("admin.refunds.payment")}</dt>
              <dd>
                <PaymentSnLink id={r.payment.id} paymentSn={r.payment.paymentSn} />{" "}
                · {t(`status.${r.payment.status as PaymentStatusKey}`)} · {money(r.payment.amountMinor)} ({t("admin.detail.refunded")} {money(r.payment.refundedMinor)})
              </dd>
              <dt className="text-slate-500">{t("admin.detail.order")}</dt>
              <dd>
                <OrderNoLink id={r.order.id} orderNo={r.order.orderNo} /> · {tc(`orderStatus.${r.order.status as "paid"}`)}
              </dd>
              {r.reviewNote && (
                <>
                  <dt className="text-slate-500">{t("admin.refunds.reviewNote")}</dt>
                  <dd>{r.reviewNote}</dd>
                </>
              )}
              {r.failureCode && (
                <>
                  <dt className="text-slate-500">{t("admin.detail.failure")}</dt>
                  <dd>{t(`failure.${failureKey(r.failureCode)}`)}</dd>
                </>
              )}
            </dl>
          </Card>
          <Card aria-labelledby="refund-log">
            <h2 id="refund-log" className="mb-3 font-medium">
              {t("admin.refunds.log")}
            </h2>
            <ol className="space-y-2 border-l-2 border-slate-200 pl-4 text-sm">
              {r.log.map((entry) => (
                <li key={entry.id}>
                  <time className="text-xs text-slate-500" dateTime={entry.createdAt.toISOString()}>
                    {formatDateTime(entry.createdAt, locale)}
                  </time>{" "}
                  <span className="font-medium">{t(`admin.detail.kind.${entry.kind as "refund_created"}`)}</span>{" "}
                  {entry.toStatus && (
                    <span className="text-xs">
                      {statusLabel(entry.fromStatus)} → {statusLabel(entry.toStatus)}
                    </span>
                  )}
                  <div className="text-slate-600">
                    <AuditReason reasonCode={entry.reasonCode} reasonParams={entry.reasonParams} note={entry.kind === "refund_created" ? entry.message : null} />
                  </div>
                  <CodeDetails lines={[entry.kind, auditReasonCodeText(entry), entry.message, entry.data ? JSON.stringify(entry.data) : null]} />
                </li>
              ))}
            </ol>
          </Card>
        </div>
        <div>{r.status === "requested" && <RefundReviewForm refundId={r.id} refundSn={r.refundSn} amountMinor={r.amountMinor} currency={r.currency} />}</div>
      </div>
    </div>
  );
}
