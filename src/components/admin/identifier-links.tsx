import Link from "next/link";
import { cn } from "@/lib/cn";

/**
 * Identifiers as links to where an admin reads about them, the same everywhere they appear
 * (lists, detail pages, timelines): order numbers, payment and refund serials, tracking numbers,
 * shopper e-mails. Plain components without hooks, so server and client components both use them.
 */
const linkClass = "text-brand-700 underline decoration-brand-300 underline-offset-2 hover:decoration-brand-700";

export const adminHref = {
  order: (id: string) => `/admin/orders/${id}`,
  payment: (id: string) => `/admin/payments/${id}`,
  refund: (id: string) => `/admin/refunds/${id}`,
  shipment: (id: string) => `/admin/shipments/${id}`,
  user: (id: string) => `/admin/users/${id}`,
};

type Props = { id: string; className?: string };

export function OrderNoLink({ id, orderNo, className }: Props & { orderNo: string }) {
  return (
    <Link href={adminHref.order(id)} className={cn("font-mono", linkClass, className)} prefetch={false}>
      {orderNo}
    </Link>
  );
}

export function PaymentSnLink({ id, paymentSn, className }: Props & { paymentSn: string }) {
  return (
    <Link href={adminHref.payment(id)} className={cn("font-mono", linkClass, className)} prefetch={false}>
      {paymentSn}
    </Link>
  );
}

export function RefundSnLink({ id, refundSn, className }: Props & { refundSn: string }) {
  return (
    <Link href={adminHref.refund(id)} className={cn("font-mono", linkClass, className)} prefetch={false}>
      {refundSn}
    </Link>
  );
}

/** A tracking number, linked to its shipment (`id` is the shipment's id). */
export function TrackingNoLink({ id, trackingNo, className }: Props & { trackingNo: string }) {
  return (
    <Link href={adminHref.shipment(id)} className={cn("font-mono", linkClass, className)} prefetch={false}>
      {trackingNo}
    </Link>
  );
}

/**
 * A shopper's e-mail, linked to their account (`id`: the user's id; without it, Admin → Users
 * searched for the e-mail). In a list column (`inList`) it keeps to one line, cut with an ellipsis
 * at a width that leaves room for the other columns at 1366 px; the title holds the whole address.
 */
export function ShopperEmailLink({ id, email, className, inList = false }: { id?: string; email: string; className?: string; inList?: boolean }) {
  return (
    <Link
      href={id ? adminHref.user(id) : `/admin/users?q=${encodeURIComponent(email)}`}
      title={email}
      className={cn(inList ? "block max-w-36 truncate text-xs" : "break-all", linkClass, className)}
      prefetch={false}
    >
      {email}
    </Link>
  );
}
