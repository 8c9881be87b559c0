import { randomBytes } from "node:crypto";
import { and, desc, eq, inArray, sql } from "drizzle-orm";
import type { Database, DbOrTx } from "@/server/db/client";
import { webhookAttempts, webhookDeliveries, webhookEndpoints } from "@/server/db/schema";
import { webhookEndpointsChanged } from "./webhook-events";
import { DomainError } from "@/server/errors";
import type { Resolver } from "@/server/http/outbound-url";
import type { WebhookEndpointInput } from "../payment.schemas";
import { assertWebhookUrlAllowed } from "./webhook-url";

/** Merchant webhook endpoints (admin only). Secrets are shown in full once, when created. */
function mask(secret: string): string {
  return `${secret.slice(0, 6)}…${secret.slice(-4)}`;
}

function view(row: typeof webhookEndpoints.$inferSelect) {
  return {
    id: row.id,
    url: row.url,
    description: row.description,
    events: row.events,
    enabled: row.enabled,
    secretHint: mask(row.secret),
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

/** Every endpoint with delivery counts. */
export async function listWebhookEndpoints(db: DbOrTx) {
  const rows = await db.select().from(webhookEndpoints).orderBy(desc(webhookEndpoints.createdAt));
  const counts = await db
    .select({
      endpointId: webhookDeliveries.endpointId,
      delivered: sql<number>`count(*) filter (where ${webhookDeliveries.status} = 'delivered')::int`,
      pending: sql<number>`count(*) filter (where ${webhookDeliveries.status} = 'pending')::int`,
      failed: sql<number>`count(*) filter (where ${webhookDeliveries.status} = 'failed')::int`,
    })
    .from(webhookDeliveries)
    .groupBy(webhookDeliveries.endpointId);
  const byId = new Map(counts.map((c) => [c.endpointId, c]));
  return rows.map((row) => ({ ...view(row), deliveries: byId.get(row.id) ?? { delivered: 0, pending: 0, failed: 0 } }));
}

/**
 * Registers an endpoint; returns its secret in full (the only time it is shown). A URL that points
 * inside our network is refused (WEBHOOK_URL_BLOCKED); `resolve` replaces DNS in tests.
 */
export async function createWebhookEndpoint(db: Database, { input, adminId, resolve }: { input: WebhookEndpointInput; adminId: string; resolve?: Resolver }) {
  await assertWebhookUrlAllowed(input.url, resolve);
  const secret = input.secret ?? `whsec_${randomBytes(24).toString("base64url")}`;
  const [row] = await db
    .insert(webhookEndpoints)
    .values({ url: input.url, description: input.description ?? "", events: input.events ?? [], enabled: input.enabled ?? true, secret, createdBy: adminId })
    .returning();
  webhookEndpointsChanged();
  return { ...view(row!), secret };
}

/** Changes an endpoint; a new URL passes the same check as at registration. */
export async function updateWebhookEndpoint(db: Database, { id, input, resolve }: { id: string; input: Partial<WebhookEndpointInput>; resolve?: Resolver }) {
  if (input.url !== undefined) await assertWebhookUrlAllowed(input.url, resolve);
  const [row] = await db
    .update(webhookEndpoints)
    .set({
      ...(input.url !== undefined ? { url: input.url } : {}),
      ...(input.description !== undefined ? { description: input.description } : {}),
      ...(input.events !== undefined ? { events: input.events } : {}),
      ...(input.enabled !== undefined ? { enabled: input.enabled } : {}),
      ...(input.secret !== undefined ? { secret: input.secret } : {}),
    })
    .where(eq(webhookEndpoints.id, id))
    .returning();
  if (!row) throw new DomainError("WEBHOOK_ENDPOINT_NOT_FOUND", "Webhook endpoint not found");
  webhookEndpointsChanged();
  return view(row);
}

export async function deleteWebhookEndpoint(db: Database, { id }: { id: string }) {
  const deleted = await db.delete(webhookEndpoints).where(eq(webhookEndpoints.id, id)).returning({ id: webhookEndpoints.id });
  if (deleted.length === 0) throw new DomainError("WEBHOOK_ENDPOINT_NOT_FOUND", "Webhook endpoint not found");
  webhookEndpointsChanged();
  return { id };
}

/** The secret of one endpoint (internal: signing). */
export async function endpointSecret(db: DbOrTx, id: string): Promise<string | null> {
  const [row] = await db.select({ secret: webhookEndpoints.secret }).from(webhookEndpoints).where(eq(webhookEndpoints.id, id));
  return row?.secret ?? null;
}

/** Deliveries (newest first) with their attempts, filtered by payment, refund or endpoint. */
export async function listWebhookDeliveries(db: DbOrTx, filter: { paymentId?: string; endpointId?: string; limit?: number }) {
  const where = and(
    filter.paymentId ? eq(webhookDeliveries.paymentId, filter.paymentId) : undefined,
    filter.endpointId ? eq(webhookDeliveries.endpointId, filter.endpointId) : undefined,
  );
  const deliveries = await db
    .select({
      id: webhookDeliveries.id,
      endpointId: webhookDeliveries.endpointId,
      url: webhookEndpoints.url,
      eventId: webhookDeliveries.eventId,
      eventType: webhookDeliveries.eventType,
      status: webhookDeliveries.status,
      attempts: webhookDeliveries.attempts,
      nextAttemptAt: webhookDeliveries.nextAttemptAt,
      lastStatusCode: webhookDeliveries.lastStatusCode,
      lastError: webhookDeliveries.lastError,
      deliveredAt: webhookDeliveries.deliveredAt,
      createdAt: webhookDeliveries.createdAt,
    })
    .from(webhookDeliveries)
    .innerJoin(webhookEndpoints, eq(webhookEndpoints.id, webhookDeliveries.endpointId))
    .where(where)
    .orderBy(desc(webhookDeliveries.createdAt))
    .limit(filter.limit ?? 100);
  if (deliveries.length === 0) return [];
  const attempts = await db
    .select()
    .from(webhookAttempts)
    .where(inArray(webhookAttempts.deliveryId, deliveries.map((d) => d.id)))
    .orderBy(webhookAttempts.id);
  return deliveries.map((d) => ({
    ...d,
    attemptLog: attempts
      .filter((a) => a.deliveryId === d.id)
      .map((a) => ({ attemptNo: a.attemptNo, statusCode: a.statusCode, latencyMs: a.latencyMs, error: a.error, createdAt: a.createdAt })),
  }));
}

export const WEBHOOK_DELIVERY_STATUSES = ["pending", "delivered", "failed"] as const;
export type WebhookDeliveryStatus = (typeof WEBHOOK_DELIVERY_STATUSES)[number];

/**
 * Deliveries for Admin → Webhooks, newest first, paged, optionally of one status, with their
 * total. "failed" (the admin home's queue) reads the partial index webhook_deliveries_failed.
 */
export async function listWebhookDeliveriesForAdmin(db: DbOrTx, { status, page = 1, pageSize = 20 }: { status?: WebhookDeliveryStatus; page?: number; pageSize?: number }) {
  const where = status ? eq(webhookDeliveries.status, status) : undefined;
  const [rows, [count]] = await Promise.all([
    db
      .select({
        id: webhookDeliveries.id,
        url: webhookEndpoints.url,
        eventType: webhookDeliveries.eventType,
        paymentId: webhookDeliveries.paymentId,
        status: webhookDeliveries.status,
        attempts: webhookDeliveries.attempts,
        lastStatusCode: webhookDeliveries.lastStatusCode,
        lastError: webhookDeliveries.lastError,
        createdAt: webhookDeliveries.createdAt,
      })
      .from(webhookDeliveries)
      .innerJoin(webhookEndpoints, eq(webhookEndpoints.id, webhookDeliveries.endpointId))
      .where(where)
      .orderBy(desc(webhookDeliveries.createdAt), desc(webhookDeliveries.id))
      .limit(pageSize)
      .offset((page - 1) * pageSize),
    db.select({ n: sql<number>`count(*)::int` }).from(webhookDeliveries).where(where),
  ]);
  return { items: rows, total: count?.n ?? 0, page, pageSize };
}

/** "Resend": makes a delivery due again now, whatever its state. History is kept. */
export async function resendWebhookDelivery(db: Database, { deliveryId }: { deliveryId: string }) {
  const [row] = await db
    .update(webhookDeliveries)
    .set({ status: "pending", nextAttemptAt: new Date() })
    .where(eq(webhookDeliveries.id, deliveryId))
    .returning({ id: webhookDeliveries.id, status: webhookDeliveries.status });
  if (!row) throw new DomainError("NOT_FOUND", "Webhook delivery not found");
  return row;
}
