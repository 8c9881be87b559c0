import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { InngestTestEngine } from "@inngest/test";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { getDb } from "@/server/db/client";
import { webhookAttempts, webhookDeliveries } from "@/server/db/schema";
import { WEBHOOK_HEADERS, resetWebhookCircuits } from "@/server/domain/payment/webhooks/webhook-delivery";
import { createAdmin } from "../../../../test/fixtures";
import { withLifecycleDatabase } from "../../../../test/lifecycle-fixtures";
import { paidPayment } from "../../../../test/payment-fixtures";
import { webhookDelivery } from "./webhook-delivery";

withLifecycleDatabase({ gateway: true });

/** A merchant endpoint: a real local HTTP server; each test says whether it answers 200 or 500. */
let server: Server;
let baseUrl = "";
let healthy = true;
const received: string[] = [];
beforeAll(async () => {
  server = createServer((req, res) => {
    req.resume();
    req.on("end", () => {
      received.push(String(req.headers[WEBHOOK_HEADERS.eventId]));
      res.writeHead(healthy ? 200 : 500).end();
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

async function paidWithEndpoint() {
  resetWebhookCircuits();
  const admin = await createAdmin();
  const endpoint = await admin.caller.adminPayment.webhooks.create({ url: `${baseUrl}/hook`, events: ["payment.succeeded"], description: "merchant" });
  const { payment, order } = await paidPayment();
  const [delivery] = await getDb()
    .select()
    .from(webhookDeliveries)
    .where(and(eq(webhookDeliveries.endpointId, endpoint.id), eq(webhookDeliveries.paymentId, payment.id)));
  const event = { name: "shop/payment.status-changed", data: { paymentId: payment.id, orderId: order.id, userId: "u", from: "processing", to: "succeeded" } };
  return { delivery: delivery!, event };
}

const run = async (event: object) => (await new InngestTestEngine({ function: webhookDelivery, events: [event as never] }).execute()) as { result?: unknown; error?: unknown };

describe("webhook-delivery function", () => {
  it("delivers the payment's webhook once; the same event again sends nothing", async () => {
    healthy = true;
    const { delivery, event } = await paidWithEndpoint();
    expect((await run(event)).result).toMatchObject({ processed: 1, delivered: 1 });
    expect((await run(event)).result).toMatchObject({ processed: 0, delivered: 0 });
    expect(received.filter((id) => id === delivery.eventId)).toHaveLength(1);
    const [after] = await getDb().select().from(webhookDeliveries).where(eq(webhookDeliveries.id, delivery.id));
    expect(after).toMatchObject({ status: "delivered", attempts: 1 });
  });

  it("an endpoint that keeps failing fails the step (so Inngest retries later) and every attempt is recorded", async () => {
    healthy = false;
    const { delivery, event } = await paidWithEndpoint();
    const { error } = await run(event);
    expect(String((error as Error | undefined)?.message ?? error)).toContain("still pending");
    const attempts = await getDb().select().from(webhookAttempts).where(eq(webhookAttempts.deliveryId, delivery.id));
    expect(attempts.length).toBeGreaterThan(0);
    expect(attempts.every((a) => a.statusCode === 500)).toBe(true);
    const [after] = await getDb().select().from(webhookDeliveries).where(eq(webhookDeliveries.id, delivery.id));
    expect(after!.status).toBe("pending");
    healthy = true;
  });
});
