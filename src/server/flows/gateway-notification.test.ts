import { and, eq, inArray } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { buildGateway } from "@/gateway/build-gateway";
import { gatewayFetch as POST } from "../../../test/gateway-fixtures";
import { getDb } from "@/server/db/client";
import { gatewayNotifications, orderStatusLog, paymentLog } from "@/server/db/schema";
import { FAST_CONFIG, GOOD_CARD, expectMoneyInvariants, notificationIdsFor, orderRow, paymentRow, pendingPayment, installTestGateway } from "../../../test/payment-fixtures";
import { GATEWAY_HEADERS, confirmQrScan, gatewaySecret, getGatewayDb, signMessage } from "@/server/domain/payment";

installTestGateway();

const URL = "http://shop.test/api/payments/notify";

/** Builds the exact request the gateway would send for a queued notification. */
async function signedRequestFor(notificationId: string, { at = new Date(), secret = gatewaySecret(), mutate }: { at?: Date; secret?: string; mutate?: (body: string) => string } = {}) {
  const [row] = await getGatewayDb().select().from(gatewayNotifications).where(eq(gatewayNotifications.id, notificationId));
  const body = JSON.stringify(row!.payload);
  const signed = signMessage(secret, body, at);
  return () =>
    new Request(URL, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        [GATEWAY_HEADERS.timestamp]: signed.timestamp,
        [GATEWAY_HEADERS.signature]: signed.signature,
        [GATEWAY_HEADERS.notificationId]: notificationId,
      },
      body: mutate ? mutate(body) : body,
    });
}

/** A QR payment scanned on the phone, whose success notification is queued but not delivered. */
async function scannedQrPayment() {
  const setup = await pendingPayment({ method: "alipay" });
  const started = await setup.shopper.caller.payment.pay({ paymentId: setup.payment.id, method: "alipay" });
  await confirmQrScan(getGatewayDb(), { token: started.payment.qrToken!, config: FAST_CONFIG });
  const [notificationId] = await notificationIdsFor({ paymentSn: setup.payment.paymentSn });
  return { ...setup, notificationId: notificationId! };
}

describe("POST /api/payments/notify", () => {
  it("applies the same notification delivered 5 times concurrently exactly once (20 rounds)", async () => {
    const paymentIds: string[] = [];
    for (let round = 0; round < 20; round++) {
      const { order, payment, notificationId } = await scannedQrPayment();
      paymentIds.push(payment.id);
      const request = await signedRequestFor(notificationId);
      const responses = await Promise.all(Array.from({ length: 5 }, () => POST(request())));
      expect(responses.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
      const bodies = await Promise.all(responses.map((r) => r.json()));
      expect(bodies.filter((b) => b.duplicate === true)).toHaveLength(4);
      expect(bodies.filter((b) => b.outcome === "succeeded")).toHaveLength(1);

      expect(await paymentRow(payment.id)).toMatchObject({ status: "succeeded" });
      const paidEntries = await getDb()
        .select()
        .from(orderStatusLog)
        .where(and(eq(orderStatusLog.orderId, order.id), eq(orderStatusLog.toStatus, "paid")));
      expect(paidEntries, `round ${round}`).toHaveLength(1);
      const received = await getDb()
        .select()
        .from(paymentLog)
        .where(and(eq(paymentLog.paymentId, payment.id), eq(paymentLog.kind, "notification_received")));
      expect(received).toHaveLength(1);
    }
    await expectMoneyInvariants(paymentIds);
  });

  it("acknowledges a later replay inside the window with 200 and no effect", async () => {
    const { payment, notificationId } = await scannedQrPayment();
    const request = await signedRequestFor(notificationId);
    expect((await POST(request())).status).toBe(200);
    const before = await paymentRow(payment.id);
    const replay = await POST(request());
    expect(replay.status).toBe(200);
    expect(await replay.json()).toEqual({ ok: true, duplicate: true });
    expect((await paymentRow(payment.id)).updatedAt).toEqual(before.updatedAt);
  });

  it("refuses a tampered body, a wrong secret and a stale timestamp with 401, changes nothing and logs each", async () => {
    const { order, payment, notificationId } = await scannedQrPayment();
    const tampered = await signedRequestFor(notificationId, { mutate: (body) => body.replace(`"amountMinor":${payment.amountMinor}`, `"amountMinor":1`) });
    const forged = await signedRequestFor(notificationId, { secret: "not-the-gateway-secret-123" });
    const stale = await signedRequestFor(notificationId, { at: new Date(Date.now() - 3_600_000) });
    for (const request of [tampered, forged, stale]) {
      const response = await POST(request());
      expect(response.status).toBe(401);
    }
    expect(await paymentRow(payment.id)).toMatchObject({ status: "processing" });
    expect((await orderRow(order.id)).status).toBe("pending_payment");
    const rejected = await getDb()
      .select()
      .from(paymentLog)
      .where(and(eq(paymentLog.kind, "notification_rejected"), inArray(paymentLog.message, ["rejected: bad_signature", "rejected: stale_timestamp"])));
    expect(rejected.filter((r) => (r.data as { claimedId?: string }).claimedId === notificationId)).toHaveLength(3);

    // The genuine one still goes through afterwards.
    expect((await POST((await signedRequestFor(notificationId))())).status).toBe(200);
    expect((await paymentRow(payment.id)).status).toBe("succeeded");
    await expectMoneyInvariants([payment.id]);
  });

  it("echoes a card result that was already applied in the request without changing anything", async () => {
    const { shopper, payment } = await pendingPayment();
    await shopper.caller.payment.pay({ paymentId: payment.id, method: "card", card: { number: GOOD_CARD } });
    const [notificationId] = await notificationIdsFor({ paymentSn: payment.paymentSn });
    const response = await POST((await signedRequestFor(notificationId!))());
    expect(await response.json()).toEqual({ ok: true, outcome: "already_succeeded" });
    expect((await paymentRow(payment.id)).status).toBe("succeeded");
    await expectMoneyInvariants([payment.id]);
  });
});

describe("POST /api/payments/notify and the API allowance", () => {
  /** A gateway allowing 3 API requests a minute, and a way to post from one address through it. */
  async function limitedGateway() {
    const app = await buildGateway({ schedulerMode: "off", loadShedding: false, rateLimit: { perMinute: () => 3 } });
    const address = `198.51.100.${Math.floor(Math.random() * 250) + 1}`;
    const post = async (request: Request) => {
      const answer = await app.inject({ method: "POST", url: "/api/payments/notify", remoteAddress: address, headers: Object.fromEntries(request.headers), payload: await request.text() });
      return { status: answer.statusCode, headers: answer.headers, body: answer.body };
    };
    return { app, post };
  }

  it("does not count the provider's signed notifications: more than the allowance in a minute are all applied", async () => {
    const { app, post } = await limitedGateway();
    try {
      const notifications = await Promise.all(Array.from({ length: 6 }, () => scannedQrPayment()));
      for (const { notificationId, payment } of notifications) {
        const answer = await post((await signedRequestFor(notificationId))());
        expect(answer.status).toBe(200);
        expect((await paymentRow(payment.id)).status).toBe("succeeded");
      }
    } finally {
      await app.close();
    }
  });

  it("refuses an address whose notifications fail verification, once it has used the allowance: 429 with Retry-After", async () => {
    const { app, post } = await limitedGateway();
    try {
      const { notificationId, payment } = await scannedQrPayment();
      const tampered = await signedRequestFor(notificationId, { mutate: (body) => body.replace("succeeded", "failed") });
      const statuses: number[] = [];
      for (let i = 0; i < 4; i++) statuses.push((await post(tampered())).status);
      expect(statuses).toEqual([401, 401, 401, 429]);
      const refused = await post((await signedRequestFor(notificationId))());
      expect(refused.status).toBe(429);
      expect(Number(refused.headers["retry-after"])).toBeGreaterThan(0);
      expect((await paymentRow(payment.id)).status).not.toBe("succeeded");
    } finally {
      await app.close();
    }
  });
});
