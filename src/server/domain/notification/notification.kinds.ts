/** Every kind of shopper notification; the UI has one message per kind (en + zh-CN). */
export const NOTIFICATION_KINDS = [
  "payment_succeeded",
  "payment_failed",
  "shipped",
  "out_for_delivery",
  "delivery_attempt_failed",
  "delivered",
  "refund_succeeded",
  "refund_failed",
  "auto_confirmed",
  /** The shop answered one of the shopper's messages (`params.messageId`). */
  "message_replied",
] as const;

export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];
