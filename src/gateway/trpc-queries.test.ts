import Fastify, { type FastifyInstance } from "fastify";
import { fastifyTRPCPlugin } from "@trpc/server/adapters/fastify";
import { encode } from "next-auth/jwt";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { authSecret } from "@/env";
import { createPendingOrder, createShopper } from "../../test/fixtures";
import { gatewayFetch } from "../../test/gateway-fixtures";
import identity from "./plugins/identity";
import requestContext from "./plugins/request-context";
import { TRPC_PREFIX, trpcOptions } from "./plugins/trpc";
import { trpcQueriesAnsweredHere } from "./trpc-queries";

type Signed = Awaited<ReturnType<typeof createShopper>>;
const cookieFor = async ({ session, user }: Signed) =>
  `next-auth.session-token=${await encode({ token: { sid: session.sessionId, uid: user.id }, secret: authSecret(), maxAge: 3600 })}`;

/** tRPC's own Fastify adapter alone, with the gateway's options: what every answer is compared with. */
let reference: FastifyInstance;
beforeAll(async () => {
  reference = Fastify();
  await reference.register(requestContext);
  await reference.register(identity);
  await reference.register(fastifyTRPCPlugin, { prefix: TRPC_PREFIX, trpcOptions });
  await reference.ready();
});
afterAll(() => reference.close());

type Answer = { status: number; contentType: string | null; vary: string | null; retryAfter: string | null; body: string };

/** The gateway's answer to a GET, and whether the gateway answered it without tRPC's adapter. */
async function viaGateway(url: string, cookie?: string): Promise<Answer & { answeredHere: boolean }> {
  const before = trpcQueriesAnsweredHere();
  const response = await gatewayFetch(new Request(`http://localhost${url}`, { headers: cookie ? { cookie } : {} }));
  const answer = { status: response.status, contentType: response.headers.get("content-type"), vary: response.headers.get("vary"), retryAfter: response.headers.get("retry-after"), body: await response.text() };
  return { ...answer, answeredHere: trpcQueriesAnsweredHere() > before };
}

async function viaAdapter(url: string, cookie?: string): Promise<Answer> {
  const response = await reference.inject({ method: "GET", url, headers: cookie ? { cookie } : {} });
  const header = (name: string) => (response.headers[name] === undefined ? null : String(response.headers[name]));
  return { status: response.statusCode, contentType: header("content-type"), vary: header("vary"), retryAfter: header("retry-after"), body: response.body };
}

const single = (path: string, input?: unknown) =>
  `${TRPC_PREFIX}/${path}${input === undefined ? "" : `?input=${encodeURIComponent(JSON.stringify({ json: input }))}`}`;
const batch = (calls: [path: string, input?: unknown][]) =>
  `${TRPC_PREFIX}/${calls.map(([path]) => path).join(",")}?batch=1&input=${encodeURIComponent(
    JSON.stringify(Object.fromEntries(calls.map(([, input], index) => [index, input === undefined ? undefined : { json: input }]))),
  )}`;

/** Asks both and expects the same status, headers and bytes; returns the gateway's answer. */
async function sameAsTrpc(url: string, cookie?: string) {
  const [ours, theirs] = [await viaGateway(url, cookie), await viaAdapter(url, cookie)];
  const { answeredHere, ...answer } = ours;
  expect(answer).toEqual(theirs);
  return { answeredHere, status: ours.status, body: JSON.parse(ours.body) as unknown };
}

describe("the gateway's reads without tRPC's adapter", () => {
  let owner: Awaited<ReturnType<typeof createPendingOrder>>;
  let ownerCookie: string;
  let strangerCookie: string;
  beforeAll(async () => {
    owner = await createPendingOrder();
    ownerCookie = await cookieFor(owner.shopper);
    strangerCookie = await cookieFor(await createShopper());
  });

  it("answers a shopper's read of their order, alone and in a batch, exactly as tRPC does", async () => {
    const alone = await sameAsTrpc(single("order.byId", { id: owner.order.id }), ownerCookie);
    expect(alone).toMatchObject({ answeredHere: true, status: 200, body: { result: { data: { json: { id: owner.order.id } } } } });

    const batched = await sameAsTrpc(batch([["auth.me"], ["order.byId", { id: owner.order.id }]]), ownerCookie);
    expect(batched).toMatchObject({ answeredHere: true, status: 200 });
    expect(batched.body).toHaveLength(2);
  });

  it("answers refusals exactly as tRPC does: another shopper's order, no session, a bad input, a mixed batch", async () => {
    const stranger = await sameAsTrpc(single("order.byId", { id: owner.order.id }), strangerCookie);
    expect(stranger).toMatchObject({ answeredHere: true, status: 404 });

    const signedOut = await sameAsTrpc(single("order.byId", { id: owner.order.id }));
    expect(signedOut).toMatchObject({ answeredHere: true, status: 401 });

    const badInput = await sameAsTrpc(single("order.byId", { id: "not-an-id" }), ownerCookie);
    expect(badInput).toMatchObject({ answeredHere: true, status: 400, body: { error: { json: { data: { code: "BAD_REQUEST", path: "order.byId" } } } } });

    const mixed = await sameAsTrpc(batch([["order.byId", { id: owner.order.id }], ["order.byId", { id: crypto.randomUUID() }]]), ownerCookie);
    expect(mixed).toMatchObject({ answeredHere: true, status: 207 });
  });

  it("leaves to tRPC what is not a plain read: a mutation sent as GET, an unknown procedure, input that is not JSON", async () => {
    for (const url of [
      single("order.cancel", { orderId: owner.order.id }),
      single("order.noSuchThing", {}),
      `${TRPC_PREFIX}/order.byId?input=%7Bnot-json`,
      `${TRPC_PREFIX}/order.byId?batch=true&input=%7B%7D`,
      `${TRPC_PREFIX}/order.byId?batch=1&input=null`,
      `${TRPC_PREFIX}/order.byId?batch=1&input=%5B%5D`,
    ]) {
      const answer = await sameAsTrpc(url, ownerCookie);
      expect(answer.answeredHere, url).toBe(false);
      expect(answer.status, url).toBeGreaterThanOrEqual(400);
    }
  });
});
