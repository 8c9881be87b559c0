import { randomBytes } from "node:crypto";
import { z } from "zod";
import type { Tx } from "@/server/db/client";
import { gatewayCharges, gatewayNotifications, gatewayRefunds } from "@/server/db/schema";
import type { NotificationVerification, ProviderNotification } from "../provider/payment-provider";
import { verifySignature } from "../signature";

/**
 * The gateway's notifications: what it queues when a charge or refund settles (inside the
 * gateway transaction that settled it), and how a receiver verifies and parses one.
 */
type ChargeRow = typeof gatewayCharges.$inferSelect;
type RefundRow = typeof gatewayRefunds.$inferSelect;

const newId = (prefix: string) => `${prefix}_${randomBytes(12).toString("hex")}`;

/** The notification row that reports a settled charge; null for a charge still pending (a QR code). */
export function chargeNotificationRow(
  row: Pick<ChargeRow, "id" | "chargeKey" | "merchantRef" | "amountMinor" | "currency" | "status" | "failureCode" | "failureMessage">,
): { id: string; type: ProviderNotification["type"]; payload: ProviderNotification } | null {
  if (row.status !== "succeeded" && row.status !== "failed") return null;
  const id = newId("evt");
  const notification: ProviderNotification = {
    id,
    type: row.status === "succeeded" ? "charge.succeeded" : "charge.failed",
    createdAt: new Date().toISOString(),
    data: {
      chargeId: row.id,
      chargeKey: row.chargeKey,
      merchantRef: row.merchantRef,
      amountMinor: row.amountMinor,
      currency: row.currency,
      failureCode: row.failureCode,
      failureMessage: row.failureMessage,
    },
  };
  return { id, type: notification.type, payload: notification };
}

/** Queues the notification that reports a settled charge (inside the gateway transaction that settled it). */
export async function queueChargeNotification(tx: Tx, row: ChargeRow): Promise<void> {
  const notification = chargeNotificationRow(row);
  if (notification) await tx.insert(gatewayNotifications).values(notification);
}

export async function queueRefundNotification(tx: Tx, row: RefundRow): Promise<void> {
  if (row.status === "pending") return;
  const id = newId("evt");
  const notification: ProviderNotification = {
    id,
    type: row.status === "succeeded" ? "refund.succeeded" : "refund.failed",
    createdAt: new Date().toISOString(),
    data: {
      refundId: row.id,
      refundKey: row.refundKey,
      chargeId: row.chargeId,
      amountMinor: row.amountMinor,
      currency: row.currency,
      failureCode: row.failureCode,
      failureMessage: row.failureMessage,
    },
  };
  await tx.insert(gatewayNotifications).values({ id, type: notification.type, payload: notification });
}

const ZNotification = z.discriminatedUnion("type", [
  z.object({
    id: z.string().min(1).max(100),
    type: z.enum(["charge.succeeded", "charge.failed"]),
    createdAt: z.string(),
    data: z.object({
      chargeId: z.string(),
      chargeKey: z.string(),
      merchantRef: z.string(),
      amountMinor: z.number().int(),
      currency: z.string(),
      failureCode: z.string().nullable(),
      failureMessage: z.string().nullable(),
    }),
  }),
  z.object({
    id: z.string().min(1).max(100),
    type: z.enum(["refund.succeeded", "refund.failed"]),
    createdAt: z.string(),
    data: z.object({
      refundId: z.string(),
      refundKey: z.string(),
      chargeId: z.string(),
      amountMinor: z.number().int(),
      currency: z.string(),
      failureCode: z.string().nullable(),
      failureMessage: z.string().nullable(),
    }),
  }),
]);

export const GATEWAY_HEADERS = {
  timestamp: "x-gateway-timestamp",
  signature: "x-gateway-signature",
  notificationId: "x-gateway-notification-id",
} as const;

/** Verifies a gateway notification's signature and timestamp, then parses it. */
export function verifyGatewayNotification(secret: string, { headers, rawBody, now = new Date() }: { headers: Headers; rawBody: string; now?: Date }): NotificationVerification {
  const claimedId = headers.get(GATEWAY_HEADERS.notificationId) ?? undefined;
  const check = verifySignature({
    secret,
    rawBody,
    timestamp: headers.get(GATEWAY_HEADERS.timestamp),
    signature: headers.get(GATEWAY_HEADERS.signature),
    now,
  });
  if (!check.ok) return { ok: false, reason: check.reason, claimedId };
  let json: unknown;
  try {
    json = JSON.parse(rawBody);
  } catch {
    return { ok: false, reason: "malformed", claimedId };
  }
  const parsed = ZNotification.safeParse(json);
  if (!parsed.success) return { ok: false, reason: "malformed", claimedId };
  return { ok: true, notification: parsed.data };
}
