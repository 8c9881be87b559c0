import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { getHTTPStatusCodeFromError } from "@trpc/server/http";
import { and, eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { getDb } from "@/server/db/client";
import { webhookAttempts, webhookDeliveries, webhookEndpoints } from "@/server/db/schema";
import type { Resolver } from "@/server/http/outbound-url";
import { createAdmin } from "../../../../../test/fixtures";
import { installTestGateway, paidPayment } from "../../../../../test/payment-fixtures";
import { WEBHOOK_HEADERS, deliverDueWebhooks, resetWebhookCircuits } from "./webhook-delivery";
import { createWebhookEndpoint } from "./webhook-endpoints";
import { webhookEndpointsChanged } from "./webhook-events";

installTestGateway();

/** A DNS server the test controls; `answer` can change between calls (a rebinding attacker). */
function fakeDns(initial: Record<string, string[]>) {
  let answers = initial;
  const asked: string[] = [];
  const resolve: Resolver = async (host) => {
    asked.push(host);
    const list = answers[host];
    if (!list) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: "ENOTFOUND" });
    return list.map((address) => ({ address, family: address.includes(":") ? 6 : 4 }));
  };
  return { resolve, asked, answer: (next: Record<string, string[]>) => (answers = next) };
}

/** Something internal the attacker wants to reach: a real local server that counts what it gets. */
let internal: Server;
let internalPort = 0;
const hits: string[] = [];
beforeAll(async () => {
  internal = createServer((req, res) => {
    hits.push(String(req.headers[WEBHOOK_HEADERS.eventId]));
    req.resume();
    res.writeHead(200).end("ok");
  });
  await new Promise<void>((resolve) => internal.listen(0, "127.0.0.1", resolve));
  internalPort = (internal.address() as AddressInfo).port;
});
afterAll(async () => {
  internal.closeAllConnections();
  await new Promise<void>((resolve) => internal.close(() => resolve()));
});
afterEach(() => {
  vi.unstubAllEnvs();
});

async function refusal(promise: Promise<unknown>) {
  const error = (await promise.then(() => null).catch((e: unknown) => e)) as { code: string; cause: { code: string; fieldErrors?: Record<string, string[]> } } | null;
  expect(error, "the call was refused").not.toBeNull();
  return { httpStatus: getHTTPStatusCodeFromError(error as never), code: error!.code, domainCode: error!.cause?.code, fieldErrors: error!.cause?.fieldErrors };
}

async function storedWithUrl(url: string) {
  return getDb().select({ id: webhookEndpoints.id }).from(webhookEndpoints).where(eq(webhookEndpoints.url, url));
}

describe("webhook URLs that point inside are refused when saved", () => {
  it.each([
    `http://127.0.0.1:5432`,
    "http://169.254.169.254/latest/meta-data/iam/security-credentials/",
    "http://10.0.0.8/hook",
    "http://172.16.3.4/hook",
    "http://192.168.1.1/hook",
    "http://100.64.1.1/hook",
    "http://0.0.0.0:3000/",
    "http://[::1]:3000/hook",
    "http://[::ffff:127.0.0.1]/hook",
    "http://[fd00:ec2::254]/",
    "http://[fe80::1]/hook",
    "http://[64:ff9b::c0a8:101]/hook",
    "http://2130706433/hook",
    "http://0x7f.1:6379/",
    "http://localhost:3000/api/trpc",
  ])("registering %s: 400 with a message on the url field, nothing stored", async (url) => {
    const admin = await createAdmin();
    const result = await refusal(admin.caller.adminPayment.webhooks.create({ url, events: [] }));
    expect(result).toMatchObject({ httpStatus: 400, code: "BAD_REQUEST", domainCode: "WEBHOOK_URL_BLOCKED", fieldErrors: { url: [expect.stringMatching(/cannot receive webhooks/)] } });
    expect(await storedWithUrl(url)).toEqual([]);
  });

  it("a host name that resolves to loopback (or any internal address) is refused", async () => {
    const admin = await createAdmin();
    const dns = fakeDns({ "hooks.merchant.example": ["93.184.215.14", "127.0.0.1"], "meta.merchant.example": ["169.254.169.254"] });
    for (const url of ["https://hooks.merchant.example/shopflow", "http://meta.merchant.example/"]) {
      await expect(createWebhookEndpoint(getDb(), { input: { url }, adminId: admin.user.id, resolve: dns.resolve })).rejects.toMatchObject({
        code: "WEBHOOK_URL_BLOCKED",
        fieldErrors: { url: [expect.stringMatching(/resolves to (127\.0\.0\.1, a loopback|169\.254\.169\.254, a cloud metadata) address/)] },
      });
      expect(await storedWithUrl(url)).toEqual([]);
    }
    expect(dns.asked).toEqual(["hooks.merchant.example", "meta.merchant.example"]);
  });

  it("changing a saved endpoint's URL to an internal one is refused the same way; credentials and other schemes too", async () => {
    const admin = await createAdmin();
    const dns = fakeDns({ "ok.merchant.example": ["93.184.215.14"] });
    const endpoint = await createWebhookEndpoint(getDb(), { input: { url: "https://ok.merchant.example/hook" }, adminId: admin.user.id, resolve: dns.resolve });
    const update = (url: string) => admin.caller.adminPayment.webhooks.update({ id: endpoint.id, input: { url } });
    expect(await refusal(update("http://169.254.169.254/"))).toMatchObject({ httpStatus: 400, domainCode: "WEBHOOK_URL_BLOCKED", fieldErrors: { url: [expect.stringContaining("metadata")] } });
    expect(await refusal(update("https://user:pass@ok.merchant.example/hook"))).toMatchObject({ httpStatus: 400, domainCode: "WEBHOOK_URL_INVALID" });
    const [row] = await getDb().select().from(webhookEndpoints).where(eq(webhookEndpoints.id, endpoint.id));
    expect(row!.url).toBe("https://ok.merchant.example/hook");
    await admin.caller.adminPayment.webhooks.remove({ id: endpoint.id });
  });

  it("WEBHOOK_ALLOWED_HOSTS lets a local demo receiver in, and only that one", async () => {
    const admin = await createAdmin();
    vi.stubEnv("WEBHOOK_ALLOWED_HOSTS", `127.0.0.1:${internalPort}`);
    const created = await admin.caller.adminPayment.webhooks.create({ url: `http://127.0.0.1:${internalPort}/demo`, events: [] });
    expect(created.url).toBe(`http://127.0.0.1:${internalPort}/demo`);
    expect((await refusal(admin.caller.adminPayment.webhooks.create({ url: "http://127.0.0.1:5432/", events: [] }))).domainCode).toBe("WEBHOOK_URL_BLOCKED");
    await admin.caller.adminPayment.webhooks.remove({ id: created.id });
  });
});

/** An endpoint row and the delivery a fresh paid payment queues for it. */
async function deliveryFor(endpointId: string) {
  const { payment } = await paidPayment();
  const [delivery] = await getDb()
    .select()
    .from(webhookDeliveries)
    .where(and(eq(webhookDeliveries.endpointId, endpointId), eq(webhookDeliveries.paymentId, payment.id)));
  return delivery!;
}

async function attemptsOf(deliveryId: string) {
  return getDb().select().from(webhookAttempts).where(eq(webhookAttempts.deliveryId, deliveryId)).orderBy(webhookAttempts.id);
}

describe("webhook delivery checks the address again and connects only to what it checked", () => {
  it("DNS rebinding: a name that was public when saved and answers 127.0.0.1 at delivery gets no request", async () => {
    resetWebhookCircuits();
    const admin = await createAdmin();
    const dns = fakeDns({ "shop.merchant.example": ["93.184.215.14"] });
    const url = `http://shop.merchant.example:${internalPort}/hook`;
    const endpoint = await createWebhookEndpoint(getDb(), { input: { url, events: ["payment.succeeded"] }, adminId: admin.user.id, resolve: dns.resolve });
    const delivery = await deliveryFor(endpoint.id);

    dns.answer({ "shop.merchant.example": ["127.0.0.1"] });
    expect(await deliverDueWebhooks({ db: getDb(), now: new Date(), deliveryIds: [delivery.id], resolve: dns.resolve })).toEqual({ processed: 1, delivered: 0 });
    expect(hits.filter((id) => id === delivery.eventId)).toEqual([]);
    const attempts = await attemptsOf(delivery.id);
    expect(attempts).toHaveLength(1); // a refusal is one attempt, not retried in the same pass
    expect(attempts[0]).toMatchObject({ statusCode: null, error: `refused, not sent: shop.merchant.example resolves to 127.0.0.1, a loopback address` });
    const [after] = await getDb().select().from(webhookDeliveries).where(eq(webhookDeliveries.id, delivery.id));
    expect(after).toMatchObject({ status: "pending", attempts: 1, lastStatusCode: null, lastError: attempts[0]!.error });

    // The same answer, once an operator allows that address, does reach the server: the refusal
    // above is what kept the request away. The system resolver cannot resolve this name, so the
    // request also shows the socket went to the address the check approved (pinned), not to a new lookup.
    vi.stubEnv("WEBHOOK_ALLOWED_HOSTS", `127.0.0.1:${internalPort}`);
    dns.asked.length = 0;
    expect(await deliverDueWebhooks({ db: getDb(), now: new Date(Date.now() + 3_600_000), deliveryIds: [delivery.id], resolve: dns.resolve })).toEqual({ processed: 1, delivered: 1 });
    expect(hits.filter((id) => id === delivery.eventId)).toHaveLength(1);
    expect(dns.asked).toEqual(["shop.merchant.example"]);
    await admin.caller.adminPayment.webhooks.remove({ id: endpoint.id });
  });

  it("an endpoint saved before these checks (a literal internal address in the table) gets no request", async () => {
    resetWebhookCircuits();
    const admin = await createAdmin();
    const [endpoint] = await getDb()
      .insert(webhookEndpoints)
      .values({ url: `http://127.0.0.1:${internalPort}/legacy`, events: ["payment.succeeded"], secret: "whsec_legacy_legacy_legacy", createdBy: admin.user.id })
      .returning();
    webhookEndpointsChanged(); // saved behind the service's back: say so, as the service does
    const delivery = await deliveryFor(endpoint!.id);

    expect(await deliverDueWebhooks({ db: getDb(), now: new Date(), deliveryIds: [delivery.id] })).toEqual({ processed: 1, delivered: 0 });
    expect(hits.filter((id) => id === delivery.eventId)).toEqual([]);
    expect((await attemptsOf(delivery.id)).map((a) => a.error)).toEqual([`refused, not sent: 127.0.0.1 is a loopback address`]);
    await getDb().delete(webhookEndpoints).where(eq(webhookEndpoints.id, endpoint!.id));
  });

  it("a redirect to an internal address is not followed", async () => {
    resetWebhookCircuits();
    const admin = await createAdmin();
    const redirector = createServer((req, res) => {
      req.resume();
      res.writeHead(307, { location: `http://127.0.0.1:${internalPort}/after-redirect` }).end();
    });
    await new Promise<void>((resolve) => redirector.listen(0, "127.0.0.1", resolve));
    const port = (redirector.address() as AddressInfo).port;
    vi.stubEnv("WEBHOOK_ALLOWED_HOSTS", `127.0.0.1:${port}`);
    const endpoint = await admin.caller.adminPayment.webhooks.create({ url: `http://127.0.0.1:${port}/hook`, events: ["payment.succeeded"] });
    const delivery = await deliveryFor(endpoint.id);
    try {
      expect(await deliverDueWebhooks({ db: getDb(), now: new Date(), quickRetries: 0, deliveryIds: [delivery.id] })).toEqual({ processed: 1, delivered: 0 });
      expect((await attemptsOf(delivery.id)).map((a) => a.statusCode)).toEqual([307]);
      expect(hits.filter((id) => id === delivery.eventId)).toEqual([]);
    } finally {
      await admin.caller.adminPayment.webhooks.remove({ id: endpoint.id });
      redirector.closeAllConnections();
      await new Promise<void>((resolve) => redirector.close(() => resolve()));
    }
  });
});
