/**
 * What the REST API says about itself beyond the procedures' own meta: the reference's
 * introduction and where a created resource lives (201 + Location).
 */
export const API_DESCRIPTION = [
  "The shopflow REST API: the same operations as the shop's pages, for programs.",
  "",
  "**Authentication.** `Authorization: Bearer sf_live_…` with a key from Account → API keys (acts as you) or Admin → API keys (admin read or admin write). Browsers may use their session cookie instead.",
  "",
  "**Errors** are `application/problem+json` (RFC 9457): `type`, `title`, `status`, `detail`, the domain `code` to branch on, `errors` (field messages) and the `requestId` to quote.",
  "",
  "**Limits.** Requests are counted per key, else per user, else per address (1000 a minute unless the shop changed it); a refused request is a 429 with `Retry-After` and `RateLimit-*` headers.",
  "",
  "**Idempotency.** Send `Idempotency-Key: <unique string>` with any POST: the same key and body within 24 hours replays the first answer (`Idempotent-Replayed: true`); another body with the same key is a 422; while the first is still running, a 409.",
  "",
  "**Test cards** (simulated gateway): `4242 4242 4242 4242` succeeds; `4000 0000 0000 9995` is declined (insufficient funds); `4000 0000 0000 0002` declined (card declined); `4000 0000 0000 0069` declined (expired card); `4000 0000 0000 0119` declined (processing error); `4000 0000 0000 3063` is charged but the answer is lost (the payment settles later by notification).",
].join("\n");

type Located = (data: unknown) => string | undefined;
const idOf = (data: unknown) => (data as { id?: unknown } | null)?.id;

/** Procedures that create a resource, and the REST path of what they created. */
export const CREATED_LOCATIONS: Record<string, Located> = {
  "order.checkout": (data) => (typeof idOf(data) === "string" ? `/orders/${idOf(data)}` : undefined),
  "address.create": (data) => (typeof idOf(data) === "string" ? `/addresses/${idOf(data)}` : undefined),
  "payment.create": (data) => {
    const { payment, replayed } = data as { payment?: { id?: string }; replayed?: boolean };
    return payment?.id && !replayed ? `/payments/${payment.id}` : undefined;
  },
  "payment.requestRefund": (data) => {
    const { refund, replayed } = data as { refund?: { id?: string }; replayed?: boolean };
    return refund?.id && !replayed ? `/refunds/${refund.id}` : undefined;
  },
  "adminPayment.refund": (data) => {
    const { refund, replayed } = data as { refund?: { id?: string }; replayed?: boolean };
    return refund?.id && !replayed ? `/admin/refunds/${refund.id}` : undefined;
  },
  "adminCatalog.createProduct": (data) => (typeof idOf(data) === "string" ? `/admin/products/${idOf(data)}` : undefined),
  "message.create": (data) => (typeof idOf(data) === "string" ? `/messages/${idOf(data)}` : undefined),
  "adminSimulation.start": (data) => (typeof idOf(data) === "string" ? `/admin/simulation-runs/${idOf(data)}` : undefined),
  "adminCarriers.create": (data) => (typeof idOf(data) === "string" ? `/admin/carriers/${idOf(data)}` : undefined),
  "adminCarriers.createCourier": (data) => (typeof idOf(data) === "string" ? `/admin/couriers/${idOf(data)}` : undefined),
  "adminLogistics.createForOrder": (data) => (typeof idOf(data) === "string" ? `/admin/shipments/${idOf(data)}` : undefined),
};
