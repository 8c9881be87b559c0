import http from "node:http";
import https from "node:https";
import { and, asc, eq, inArray, lte, min, sql } from "drizzle-orm";
import type { Database } from "@/server/db/client";
import { prepared } from "@/server/db/prepared";
import { gatewayNotifications, gatewayRefunds } from "@/server/db/schema";
import { signMessage } from "../signature";
import { GATEWAY_HEADERS, queueRefundNotification } from "./simulated-gateway";
import { gatewaySecret } from "./gateway-secret";
import { loadSimulatorConfig, randomFor, type SimulatorConfig } from "./simulator-config";

/**
 * The gateway's background work, run as sweeps: settle refunds whose delay has passed, and
 * deliver queued notifications to the shop. Both claim rows with FOR UPDATE SKIP LOCKED, so
 * two app instances never do the same row twice, and both are safe to run again.
 */

/** Settles pending gateway refunds that are due (failure rate applies) and queues their notifications. Idempotent. */
export async function settleDueGatewayRefunds({
  db,
  now,
  config,
  limit = 50,
  refundKeys,
}: {
  db: Database;
  now: Date;
  config?: SimulatorConfig;
  limit?: number;
  /** Only these refunds (tests driving one scenario). */
  refundKeys?: string[];
}): Promise<{ processed: number }> {
  // One plain read first: with nothing due, no transaction is opened (nor the config read).
  const [any] = await db
    .select({ id: gatewayRefunds.id })
    .from(gatewayRefunds)
    .where(and(eq(gatewayRefunds.status, "pending"), lte(gatewayRefunds.dueAt, now), refundKeys ? inArray(gatewayRefunds.refundKey, refundKeys) : undefined))
    .limit(1);
  if (!any) return { processed: 0 };
  const cfg = config ?? (await loadSimulatorConfig(db));
  return db.transaction(async (tx) => {
    const due = await tx
      .select()
      .from(gatewayRefunds)
      .where(and(eq(gatewayRefunds.status, "pending"), lte(gatewayRefunds.dueAt, now), refundKeys ? inArray(gatewayRefunds.refundKey, refundKeys) : undefined))
      .orderBy(asc(gatewayRefunds.dueAt))
      .limit(limit)
      .for("update", { skipLocked: true });
    for (const refund of due) {
      const fails = randomFor(cfg, "refund", refund.refundKey)() * 100 < cfg.refundFailurePercent;
      const [settled] = await tx
        .update(gatewayRefunds)
        .set({
          status: fails ? "failed" : "succeeded",
          failureCode: fails ? "refund_failed" : null,
          failureMessage: fails ? "The bank could not return the funds." : null,
          settledAt: new Date(),
        })
        .where(and(eq(gatewayRefunds.id, refund.id), eq(gatewayRefunds.status, "pending")))
        .returning();
      if (settled) await queueRefundNotification(tx, settled);
    }
    return { processed: due.length };
  });
}

/** When the next pending gateway refund falls due (null: none pending); one probe of its due index. */
export async function nextGatewayRefundDueAt({ db }: { db: Database }): Promise<Date | null> {
  const [row] = await db.select({ at: min(gatewayRefunds.dueAt) }).from(gatewayRefunds).where(eq(gatewayRefunds.status, "pending"));
  return row?.at ?? null;
}

/** When the next pending gateway notification is due to be sent (null: none pending); one probe of its due index. */
export async function nextGatewayNotificationDueAt({ db }: { db: Database }): Promise<Date | null> {
  const [row] = await db.select({ at: min(gatewayNotifications.nextAttemptAt) }).from(gatewayNotifications).where(eq(gatewayNotifications.status, "pending"));
  return row?.at ?? null;
}

/** Sends one HTTP request and says the answer's status; the default is httpSend, tests pass the route handler itself. */
export type HttpSend = (url: string, init: { method: "POST"; headers: Record<string, string>; body: string }) => Promise<{ status: number }>;

const SEND_TIMEOUT_MS = 10_000;
/**
 * Connections kept open between deliveries, closed by this side after 4 s idle: before a server
 * (Node's default keep-alive is 5 s) closes one under a request.
 */
const agents = { "http:": new http.Agent({ keepAlive: true, timeout: 4_000 }), "https:": new https.Agent({ keepAlive: true, timeout: 4_000 }) };

/**
 * POSTs with Node's own HTTP client over a kept-alive connection; a redirect is not followed (a
 * 3xx is just a status) and the whole request has 10 s. fetch did the same at several times the
 * CPU: a Web Request, Response, Headers and body streams per notification, about a fifth of
 * the worker's CPU per paid order (docs/performance.md, round 19).
 */
export const httpSend: HttpSend = (url, { method, headers, body }) => {
  const target = new URL(url);
  const client = target.protocol === "https:" ? https : http;
  const agent = target.protocol === "https:" ? agents["https:"] : agents["http:"];
  return new Promise((resolve, reject) => {
    const request = client.request(target, { method, headers: { ...headers, "content-length": String(Buffer.byteLength(body)) }, agent }, (response) => {
      // Read to the end (unused) so that the connection is free for the next delivery.
      response.resume();
      response.on("close", () => clearTimeout(timer));
      resolve({ status: response.statusCode ?? 0 });
    });
    const timer = setTimeout(() => request.destroy(new Error(`no answer within ${SEND_TIMEOUT_MS / 1000} s`)), SEND_TIMEOUT_MS);
    request.on("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
    request.end(body);
  });
};

/** Where the gateway reports to: the shop's own notify endpoint. */
export function shopNotifyUrl(): string {
  const origin = process.env.NEXTAUTH_URL ?? `http://localhost:${process.env.PORT ?? 3000}`;
  return `${origin.replace(/\/$/, "")}/api/payments/notify`;
}

/** Retry schedule of undelivered notifications (like real gateways, it backs off, then gives up). */
export const GATEWAY_RETRY_SECONDS = [5, 15, 30, 60, 120, 300, 600, 1800, 3600, 7200] as const;
const LEASE_SECONDS = 60;

/**
 * Delivers due notifications as signed POSTs. A row is leased (next_attempt_at pushed past the
 * lease) before the request, so a crash mid-request only delays it; 2xx marks it delivered,
 * anything else schedules the next try. Safe to run concurrently and repeatedly.
 */
export async function deliverGatewayNotifications({
  db,
  now,
  send = httpSend,
  url = shopNotifyUrl(),
  secret = gatewaySecret(),
  limit = 20,
  ids,
}: {
  db: Database;
  now: Date;
  send?: HttpSend;
  url?: string;
  secret?: string;
  limit?: number;
  /** Only these notifications (tests driving one scenario). */
  ids?: string[];
}): Promise<{ processed: number; delivered: number }> {
  const due = db
    .select({ id: gatewayNotifications.id })
    .from(gatewayNotifications)
    .where(and(eq(gatewayNotifications.status, "pending"), lte(gatewayNotifications.nextAttemptAt, now), ids ? inArray(gatewayNotifications.id, ids) : undefined))
    .orderBy(asc(gatewayNotifications.nextAttemptAt))
    .limit(limit)
    .for("update", { skipLocked: true });
  const claimed = await db
    .update(gatewayNotifications)
    .set({ nextAttemptAt: new Date(now.getTime() + LEASE_SECONDS * 1000) })
    .where(inArray(gatewayNotifications.id, due))
    .returning();

  let delivered = 0;
  for (const notification of claimed) {
    const body = JSON.stringify(notification.payload);
    const signed = signMessage(secret, body);
    let statusCode: number | null = null;
    let error: string | null = null;
    try {
      const response = await send(url, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          [GATEWAY_HEADERS.timestamp]: signed.timestamp,
          [GATEWAY_HEADERS.signature]: signed.signature,
          [GATEWAY_HEADERS.notificationId]: notification.id,
        },
        body,
      });
      statusCode = response.status;
    } catch (cause) {
      error = cause instanceof Error ? cause.message : String(cause);
    }
    const attempts = notification.attempts + 1;
    if (statusCode !== null && statusCode >= 200 && statusCode < 300) {
      delivered++;
      // Built once: every payment's notification is marked delivered with it (prepared.ts).
      await prepared(db, "gateway-notification-delivered", (d) =>
        d
          .update(gatewayNotifications)
          .set({
            status: "delivered",
            attempts: sql.placeholder("attempts") as never,
            lastStatusCode: sql.placeholder("statusCode") as never,
            lastError: null,
            deliveredAt: sql.placeholder("deliveredAt") as never,
          })
          .where(eq(gatewayNotifications.id, sql.placeholder("id")))
          .prepare("gateway_notification_delivered"),
      ).execute({ id: notification.id, attempts, statusCode, deliveredAt: new Date() });
    } else {
      const delay = GATEWAY_RETRY_SECONDS[attempts - 1];
      await db
        .update(gatewayNotifications)
        .set({
          status: delay === undefined ? "failed" : "pending",
          attempts,
          lastStatusCode: statusCode,
          lastError: error ?? `HTTP ${statusCode}`,
          nextAttemptAt: new Date(now.getTime() + (delay ?? 0) * 1000),
        })
        .where(eq(gatewayNotifications.id, notification.id));
    }
  }
  return { processed: claimed.length, delivered };
}
