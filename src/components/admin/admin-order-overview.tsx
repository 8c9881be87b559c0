import { PaymentSnLink, ShopperEmailLink } from "@/components/admin/identifier-links";
import { MirrorStatus } from "@/components/shop/mirror-status";
import { OrderSection } from "@/components/shop/order-section";
import { OrderStatusBadge } from "@/components/shop/order-status-badge";
import { getLocale, getTranslations } from "@/i18n/server";
import { formatDateTime } from "@/lib/dates";
import type { AdminOrderView, RouterOutputs } from "@/trpc/types";

/** Who ordered, and where the order, its payment and its shipment stand (with their serial numbers). */
export async function AdminOrderOverview({ order, links }: { order: AdminOrderView; links?: RouterOutputs["adminOrder"]["links"] }) {
  const [t, locale] = await Promise.all([getTranslations("admin.orderDetail"), getLocale()]);
  const none = t("none");
  const row = (label: string, value: React.ReactNode) => (
    <>
      <dt className="text-slate-500">{label}</dt>
      <dd className="min-w-0 break-words">{value}</dd>
    </>
  );
  const paymentLink = links?.payments.find((p) => p.paymentSn === order.paymentSn);
  const shipment = links?.shipment;
  const shipsWith = shipment ? (locale === "zh-CN" ? `${shipment.carrierNameZh} · ${shipment.serviceNameZh}` : `${shipment.carrierNameEn} · ${shipment.serviceNameEn}`) : null;
  const grid = "grid grid-cols-[max-content_1fr] gap-x-6 gap-y-2 text-sm";
  return (
    <div className="grid gap-6 md:grid-cols-2">
      <OrderSection id="admin-order-shopper" title={t("shopperTitle")}>
        <dl className={grid}>
          {row(t("name"), order.shopper.name)}
          {row(t("email"), <ShopperEmailLink id={order.shopper.id} email={order.shopper.email} />)}
          {order.note && row(t("note"), <span className="whitespace-pre-line">{order.note}</span>)}
        </dl>
      </OrderSection>
      <OrderSection id="admin-order-status" title={t("statusTitle")}>
        <dl className={grid}>
          {row(t("orderStatus"), <OrderStatusBadge status={order.status} />)}
          {row(t("paymentStatus"), <MirrorStatus kind="paymentStatus" value={order.paymentStatus} />)}
          {row(t("logisticsStatus"), <MirrorStatus kind="logisticsStatus" value={order.logisticsStatus} />)}
          {row(t("paymentSn"), paymentLink ? <PaymentSnLink id={paymentLink.id} paymentSn={paymentLink.paymentSn} /> : <span className="font-mono">{order.paymentSn ?? none}</span>)}
          {row(t("logisticsSn"), <span className="font-mono">{order.logisticsSn ?? none}</span>)}
          {row(t("shipping"), shipsWith ?? (order.carrierCode ? [order.carrierCode, order.serviceLevel].filter(Boolean).join(" · ") : none))}
          {row(t("paymentDeadline"), order.paymentDeadlineAt ? formatDateTime(order.paymentDeadlineAt, locale) : none)}
        </dl>
      </OrderSection>
    </div>
  );
}
