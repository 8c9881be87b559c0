import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { and, eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { getDb } from "@/server/db/client";
import { webhookAttempts, webhookDeliveries, webhookEndpoints } from "@/server/db/schema";
import { createAdmin } from "../../../../../test/fixtures";
import { GOOD_CARD, paidPayment, pendingPayment, installTestGateway } from "../../../../../test/payment-fixtures";
import { verifySignature } from "../signature";
import { WEBHOOK_HEADERS, deliverDueWebhooks, resetWebhookCircuits } from "./webhook-delivery";
import { webhookEndpointsChanged } from "./webhook-events";

installTestGateway();

type Received = { eventId: string; attempt: string; body: string; timestamp: string; signature: string };

/** A merchant's endpoint: a real local HTTP server whose behaviour each test scripts per event. */
let server: Server;
let baseUrl = "";
const received: Received[] = [];
let respond: (eventId: string, nth: number, res: ServerResponse) => void = (_id, _n, res) => res.writeHead(200).end("ok");

beforeAll(async () => {
  server = createServer((req: IncomingMessage, res: ServerResponse) => {
    let body = "";
    req.on("data", (chunk) => (body += chunk));
    req.on("end", () => {
      const eventId = String(req.headers[WEBHOOK_HEADERS.eventId]);
      received.push({
        eventId,
        attempt: String(req.headers[WEBHOOK_HEADERS.attempt]),
        body,
        timestamp: String(req.headers[WEBHOOK_HEADERS.timestamp]),
        signature: String(req.headers[WEBHOOK_HEADERS.signature]),
      });
      respond(eventId, received.filter((r) => r.eventId === eventId).length, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  // Webhooks never go to loopback unless the operator allows it: this receiver is allowed explicitly.
  vi.stubEnv("WEBHOOK_ALLOWED_HOSTS", new URL(baseUrl).host);
});

afterAll(async () => {
  vi.unstubAllEnvs();
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

/** An endpoint subscribed to payment.succeeded and the delivery a fresh paid payment creates for it. */
async function endpointWithDelivery(path: string) {
  const admin = await createAdmin();
  const endpoint = await admin.caller.adminPayment.webhooks.create({ url: `${baseUrl}${path}`, events: ["payment.succeeded"], description: "test merchant" });
  const { payment } = await paidPayment();
  const [delivery] = await getDb()
    .select()
    .from(webhookDeliveries)
    .where(and(eq(webhookDeliveries.endpointId, endpoint.id), eq(webhookDeliveries.paymentId, payment.id)));
  return { admin, endpoint, payment, delivery: delivery! };
}

describe("merchant webhooks", () => {
  it("an endpoint failing twice then succeeding: 3 attempts recorded, delivered once, each request signed", async () => {
    resetWebhookCircuits();
    const { admin, endpoint, payment, delivery } = await endpointWithDelivery("/flaky");
    expect(delivery).toMatchObject({ eventType: "payment.succeeded", status: "pending", attempts: 0 });
    respond = (eventId, nth, res) => (eventId === delivery.eventId && nth <= 2 ? res.writeHead(500).end("boom") : res.writeHead(204).end());

    const result = await deliverDueWebhooks({ db: getDb(), now: new Date(), deliveryIds: [delivery.id] });
    expect(result).toEqual({ processed: 1, delivered: 1 });
    const mine = received.filter((r) => r.eventId === delivery.eventId);
    expect(mine.map((r) => r.attempt)).toEqual(["1", "2", "3"]);
    for (const r of mine) {
      expect(verifySignature({ secret: endpoint.secret, rawBody: r.body, timestamp: r.timestamp, signature: r.signature })).toEqual({ ok: true });
      expect(JSON.parse(r.body)).toMatchObject({ id: delivery.eventId, type: "payment.succeeded", data: { payment: { id: payment.id, status: "succeeded" } } });
    }
    const attempts = await getDb().select().from(webhookAttempts).where(eq(webhookAttempts.deliveryId, delivery.id)).orderBy(webhookAttempts.id);
    expect(attempts.map((a) => [a.attemptNo, a.statusCode])).toEqual([
      [1, 500],
      [2, 500],
      [3, 204],
    ]);
    expect(attempts.every((a) => a.latencyMs >= 0)).toBe(true);
    const [after] = await getDb().select().from(webhookDeliveries).where(eq(webhookDeliveries.id, delivery.id));
    expect(after).toMatchObject({ status: "delivered", attempts: 3, lastStatusCode: 204 });

    // Delivered means done: another pass sends nothing.
    expect(await deliverDueWebhooks({ db: getDb(), now: new Date(Date.now() + 86_400_000), deliveryIds: [delivery.id] })).toEqual({ processed: 0, delivered: 0 });
    expect(received.filter((r) => r.eventId === delivery.eventId)).toHaveLength(3);

    // The admin sees the attempts; "resend" delivers it once more.
    const listed = await admin.caller.adminPayment.webhooks.deliveries({ paymentId: payment.id });
    expect(listed.find((d) => d.id === delivery.id)?.attemptLog).toHaveLength(3);
    await admin.caller.adminPayment.webhooks.resend({ deliveryId: delivery.id });
    expect(await deliverDueWebhooks({ db: getDb(), now: new Date(), deliveryIds: [delivery.id] })).toEqual({ processed: 1, delivered: 1 });
    expect(received.filter((r) => r.eventId === delivery.eventId)).toHaveLength(4);
    await admin.caller.adminPayment.webhooks.remove({ id: endpoint.id });
  });

  it("a timeout is an attempt too; the next try waits for the durable backoff, then succeeds", async () => {
    resetWebhookCircuits();
    const { admin, endpoint, delivery } = await endpointWithDelivery("/slow");
    let hang = true;
    respond = (eventId, _nth, res) => {
      if (eventId === delivery.eventId && hang) return; // never answers: the client must time out
      res.writeHead(200).end("ok");
    };
    const started = new Date();
    expect(await deliverDueWebhooks({ db: getDb(), now: started, timeoutMs: 200, quickRetries: 0, deliveryIds: [delivery.id] })).toEqual({ processed: 1, delivered: 0 });
    const [pending] = await getDb().select().from(webhookDeliveries).where(eq(webhookDeliveries.id, delivery.id));
    expect(pending).toMatchObject({ status: "pending", attempts: 1, lastStatusCode: null });
    expect(pending!.lastError).toContain("timeout");
    expect(pending!.nextAttemptAt.getTime()).toBeGreaterThanOrEqual(started.getTime() + 10_000);

    // Not due yet: nothing is sent. Once due, it goes out.
    expect(await deliverDueWebhooks({ db: getDb(), now: started, deliveryIds: [delivery.id] })).toEqual({ processed: 0, delivered: 0 });
    hang = false;
    expect(await deliverDueWebhooks({ db: getDb(), now: new Date(started.getTime() + 60_000), deliveryIds: [delivery.id] })).toEqual({ processed: 1, delivered: 1 });
    const attempts = await getDb().select().from(webhookAttempts).where(eq(webhookAttempts.deliveryId, delivery.id)).orderBy(webhookAttempts.id);
    expect(attempts.map((a) => a.statusCode)).toEqual([null, 200]);
    expect(attempts[0]!.error).toContain("timeout");
    await admin.caller.adminPayment.webhooks.remove({ id: endpoint.id });
  });

  it("endpoints deleted while payments succeed never fail a payment (20 rounds)", async () => {
    const admin = await createAdmin();
    for (let round = 0; round < 20; round++) {
      const endpoints = await Promise.all(
        Array.from({ length: 8 }, () => admin.caller.adminPayment.webhooks.create({ url: `${baseUrl}/gone`, events: [], description: "deleted mid-flight" })),
      );
      const setups = await Promise.all(Array.from({ length: 6 }, () => pendingPayment()));
      // Each payment queues a delivery for every endpoint it finds, in its own transaction; an
      // endpoint deleted between that read and the insert must not roll the payment back. The
      // deletions go one after another, so they land all through the payments' work.
      const deleteAll = async () => {
        for (const endpoint of endpoints) await admin.caller.adminPayment.webhooks.remove({ id: endpoint.id });
      };
      const [, ...paid] = await Promise.all([
        deleteAll(),
        ...setups.map((s) => s.shopper.caller.payment.pay({ paymentId: s.payment.id, method: "card", card: { number: GOOD_CARD } })),
      ]);
      expect(paid.map((r) => r.outcome), `round ${round}`).toEqual(Array(6).fill("succeeded"));
      const left = await getDb().select().from(webhookDeliveries).where(inArray(webhookDeliveries.endpointId, endpoints.map((e) => e.id)));
      expect(left).toEqual([]);
    }
  });
});

describe("the cached answer to 'is any endpoint enabled?'", () => {
  it("skips the endpoint read while none is enabled, and a new endpoint gets the very next event", async () => {
    await getDb().update(webhookEndpoints).set({ enabled: false });
    webhookEndpointsChanged();
    const before = await paidPayment();
    expect(await getDb().select().from(webhookDeliveries).where(eq(webhookDeliveries.paymentId, before.payment.id))).toEqual([]);

    // Within the cache's lifetime: saving the endpoint invalidates it, so the next event sees it.
    const admin = await createAdmin();
    const endpoint = await admin.caller.adminPayment.webhooks.create({ url: `${baseUrl}/after-none`, events: ["payment.succeeded"] });
    const after = await paidPayment();
    const deliveries = await getDb().select().from(webhookDeliveries).where(eq(webhookDeliveries.paymentId, after.payment.id));
    expect(deliveries.map((d) => d.endpointId)).toEqual([endpoint.id]);
  });
});
