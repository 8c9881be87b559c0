import { PaymentSnLink, RefundSnLink, TrackingNoLink } from "@/components/admin/identifier-links";
import { RequestIdLink } from "@/components/admin/request-id-link";
import { OrderSection } from "@/components/shop/order-section";
import { getLocale, getTranslations } from "@/i18n/server";
import { formatDateTime } from "@/lib/dates";
import { auditReasonCodeText, auditReasonText } from "@/lib/audit-reasons";
import { formatMoney } from "@/lib/money";
import type { RouterOutputs } from "@/trpc/types";

type Entry = RouterOutputs["adminOrder"]["timeline"]["entries"][number];
type Translate = (key: string, values?: Record<string, string | number>) => string;

/** A translator for keys built at run time; a key the catalog lacks falls back to `fallback`. */
function lookup(t: { (key: never, values?: never): string; has(key: never): boolean }): (key: string, fallback: string, values?: Record<string, string | number>) => string {
  return (key, fallback, values) => (t.has(key as never) ? (t as unknown as Translate)(key, values) : fallback);
}

/**
 * One timeline of everything that happened to an order, oldest first: each row says what
 * happened in the reader's language, who did it, what it concerns (a link) and which request
 * (a link to its log lines); the codes behind it stay in a "details" disclosure.
 */
export async function AdminOrderTimeline({ entries }: { entries: Entry[] }) {
  const [t, tOrder, tPayment, tRefund, tShipment, tActor, tNote, tAudit, locale] = await Promise.all([
    getTranslations("orderHub"),
    getTranslations("common.orderStatus"),
    getTranslations("payment.status"),
    getTranslations("payment.refundStatus"),
    getTranslations("logistics.status"),
    getTranslations("common.actor"),
    getTranslations("notification.kind"),
    getTranslations("audit"),
    getLocale(),
  ]);
  const tx = lookup(t as never);
  const statusName = { order: lookup(tOrder as never), payment: lookup(tPayment as never), refund: lookup(tRefund as never), shipment: lookup(tShipment as never) };
  const money = (e: Entry) => (typeof e.params.amountMinor === "number" ? formatMoney(e.params.amountMinor, String(e.params.currency ?? "CNY"), locale) : "");
  const statuses = (e: Entry, kind: keyof typeof statusName) => ({
    from: e.fromStatus ? statusName[kind](e.fromStatus, e.fromStatus) : "",
    to: e.toStatus ? statusName[kind](e.toStatus, e.toStatus) : "",
  });
  const noteText = (e: Entry) => {
    const orderNo = String(e.params.orderNo ?? "");
    return lookup(tNote as never)(e.kind, e.kind, { orderNo, amount: money(e) });
  };

  function label(e: Entry): string {
    switch (e.source) {
      case "order":
        return e.fromStatus ? tx("timeline.order.status", "", statuses(e, "order")) : tx("timeline.order.placed", "", statuses(e, "order"));
      case "payment":
        return tx(`timeline.payment.${e.kind}`, t("timeline.payment.other"), statuses(e, "payment"));
      case "gateway":
        return tx(`timeline.gateway.${e.kind}`, t("timeline.gateway.other"));
      case "refund":
        return tx(`timeline.refund.${e.kind}`, t("timeline.refund.other"), { ...statuses(e, "refund"), amount: money(e) });
      case "webhook": {
        const code = typeof e.params.statusCode === "number" ? e.params.statusCode : null;
        return code !== null && code >= 200 && code < 300 ? t("timeline.webhook.delivered", { statusCode: code }) : t("timeline.webhook.failed");
      }
      case "shipment":
        return e.fromStatus ? t("timeline.shipment.status", statuses(e, "shipment")) : t("timeline.shipment.created", statuses(e, "shipment"));
      case "checkpoint":
        return t("timeline.checkpoint", { text: String(locale === "zh-CN" ? e.params.textZh : e.params.textEn) });
      case "notification":
        return e.params.resent ? t("timeline.notificationResent", { text: noteText(e) }) : t("timeline.notification", { text: noteText(e) });
      case "admin":
        return tx(`timeline.admin.${e.kind}`, t("timeline.admin.other"), { amount: money(e), refundSn: String(e.params.refundSn ?? ""), trackingNo: String(e.params.trackingNo ?? "") });
    }
  }
  const why = (e: Entry) => auditReasonText(tAudit as never, { reasonCode: e.reasonCode, reasonParams: e.reasonParams, note: e.note });
  const actorName = (actor: string | null) => (actor === "gateway" ? t("actorGateway") : actor ? lookup(tActor as never)(actor, actor) : t("none"));
  const regarding = (e: Entry) => {
    if (!e.ref) return t("none");
    if (e.ref.type === "payment") return <PaymentSnLink id={e.ref.id} paymentSn={e.ref.label} />;
    if (e.ref.type === "refund") return <RefundSnLink id={e.ref.id} refundSn={e.ref.label} />;
    return <TrackingNoLink id={e.ref.id} trackingNo={e.ref.label} />;
  };
  const th = "px-3 py-2 font-medium";

  return (
    <OrderSection id="admin-order-timeline" title={t("timelineTitle")}>
      {entries.length === 0 ? (
        <p className="text-sm text-slate-500">{t("timeline.empty")}</p>
      ) : (
        <div className="overflow-x-auto">
          <table className="w-full text-sm" aria-label={t("timelineTitle")}>
            <thead className="text-left text-xs uppercase text-slate-500">
              <tr>
                <th scope="col" className={th}>{t("timeline.time")}</th>
                <th scope="col" className={th}>{t("timeline.event")}</th>
                <th scope="col" className={th}>{t("timeline.regarding")}</th>
                <th scope="col" className={th}>{t("timeline.actor")}</th>
                <th scope="col" className={th}>{t("timeline.requestId")}</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((e) => (
                <tr key={e.id} className="border-t border-slate-100 align-top" data-source={e.source}>
                  <td className="px-3 py-2 whitespace-nowrap">{formatDateTime(e.at, locale)}</td>
                  <td className="min-w-64 px-3 py-2">
                    {label(e)}
                    {why(e) && (
                      <span className="block text-xs text-slate-600" data-testid="timeline-reason">
                        {why(e)}
                      </span>
                    )}
                    <details className="mt-1 text-xs text-slate-500">
                      <summary className="cursor-pointer select-none">{t("timeline.details")}</summary>
                      <code className="block font-mono break-all whitespace-pre-wrap">
                        {[`${e.source}.${e.kind}`, e.fromStatus || e.toStatus ? `${e.fromStatus ?? "∅"} → ${e.toStatus ?? "∅"}` : null, auditReasonCodeText(e), e.details].filter(Boolean).join("\n")}
                      </code>
                    </details>
                  </td>
                  <td className="px-3 py-2 whitespace-nowrap">{regarding(e)}</td>
                  <td className="px-3 py-2">
                    {actorName(e.actor)}
                    {e.actorId && <span className="block font-mono text-xs text-slate-500">{e.actorId}</span>}
                  </td>
                  <td className="px-3 py-2 text-xs">{e.requestId ? <RequestIdLink requestId={e.requestId} /> : t("none")}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </OrderSection>
  );
}
