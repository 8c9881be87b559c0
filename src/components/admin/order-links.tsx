import { PaymentSnLink, RefundSnLink, TrackingNoLink } from "@/components/admin/identifier-links";
import { ShipmentStatusBadge } from "@/components/logistics/shipment-status-badge";
import { SHIPMENT_STATUS_NAMES, type ShipmentStatusName } from "@/components/logistics/types";
import { OrderSection } from "@/components/shop/order-section";
import { getLocale, getTranslations } from "@/i18n/server";
import { formatMoney } from "@/lib/money";
import type { RouterOutputs } from "@/trpc/types";

type Links = RouterOutputs["adminOrder"]["links"];

/** The order's payment(s), each refund and the shipment, each a link to its own page, with its state and amount. */
export async function AdminOrderLinks({ links }: { links: Links }) {
  const [t, tPayment, tRefund, locale] = await Promise.all([getTranslations("orderHub"), getTranslations("payment.status"), getTranslations("payment.refundStatus"), getLocale()]);
  const paymentStatus = (s: string) => (tPayment.has(s as never) ? tPayment(s as never) : s);
  const refundStatus = (s: string) => (tRefund.has(s as never) ? tRefund(s as never) : s);
  const grid = "grid grid-cols-[max-content_1fr] gap-x-6 gap-y-2 text-sm";
  const shipment = links.shipment;
  return (
    <OrderSection id="admin-order-links" title={t("linksTitle")}>
      <dl className={grid}>
        <dt className="text-slate-500">{t("payment")}</dt>
        <dd className="min-w-0 space-y-1">
          {links.payments.length === 0
            ? t("noPayment")
            : links.payments.map((p) => (
                <span key={p.id} className="block">
                  <PaymentSnLink id={p.id} paymentSn={p.paymentSn} /> · {paymentStatus(p.status)} · {formatMoney(p.amountMinor, p.currency, locale)}
                </span>
              ))}
        </dd>
        <dt className="text-slate-500">{t("refunds")}</dt>
        <dd className="min-w-0 space-y-1">
          {links.refunds.length === 0
            ? t("noRefunds")
            : links.refunds.map((r) => (
                <span key={r.id} className="block">
                  <RefundSnLink id={r.id} refundSn={r.refundSn} /> · {refundStatus(r.status)} · {formatMoney(r.amountMinor, r.currency, locale)}
                </span>
              ))}
        </dd>
        <dt className="text-slate-500">{t("shipment")}</dt>
        <dd className="min-w-0">
          {shipment ? (
            <span className="flex flex-wrap items-center gap-2">
              <TrackingNoLink id={shipment.id} trackingNo={shipment.trackingNo} />
              {(SHIPMENT_STATUS_NAMES as readonly string[]).includes(shipment.status) && <ShipmentStatusBadge status={shipment.status as ShipmentStatusName} />}
              <span>{locale === "zh-CN" ? shipment.carrierNameZh : shipment.carrierNameEn}</span>
            </span>
          ) : (
            t("noShipment")
          )}
        </dd>
      </dl>
    </OrderSection>
  );
}
