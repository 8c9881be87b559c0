import http from "node:http";
import type { AddressInfo } from "node:net";
import { encode } from "next-auth/jwt";
import { sql } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { authSecret } from "@/env";
import { getDb } from "@/server/db/client";
import { createAuthSession } from "@/server/domain/user";
import { createUser } from "../../../test/fixtures";
import { buildGateway } from "../build-gateway";
import { NEXT_MAX_CONCURRENT_REQUESTS } from "./next-proxy";

const closers: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  await Promise.all(closers.splice(0).map((close) => close()));
});

/**
 * A stand-in for Next that holds every request until the test releases it, and keeps the
 * largest number it held at once.
 */
async function heldUpstream() {
  const held: http.ServerResponse[] = [];
  let most = 0;
  let onHeld: (() => void) | undefined;
  const server = http.createServer((_request, response) => {
    held.push(response);
    most = Math.max(most, held.length);
    onHeld?.();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  closers.push(() => {
    for (const response of held.splice(0)) response.end();
    server.closeAllConnections();
    return new Promise((resolve) => server.close(resolve));
  });
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    most: () => most,
    /** Resolves once `count` requests are held. */
    holding: (count: number) =>
      new Promise<void>((resolve) => {
        onHeld = () => held.length >= count && resolve();
        onHeld();
      }),
    releaseOne: () => held.shift()?.end("page"),
  };
}

describe("the gateway's proxy to Next", () => {
  it(`gives Next at most ${NEXT_MAX_CONCURRENT_REQUESTS} requests at once; the rest wait in the gateway and are all answered`, async () => {
    const next = await heldUpstream();
    const app = await buildGateway({ nextUpstream: next.url, schedulerMode: "off", loadShedding: false, rateLimit: false });
    const visits = 30;
    let arrived = 0;
    const allArrived = new Promise<void>((resolve) => app.addHook("onRequest", async () => void (++arrived === visits && resolve())));
    const base = await app.listen({ port: 0, host: "127.0.0.1" });
    closers.unshift(() => app.close());

    const answers = Array.from({ length: visits }, (_, i) => fetch(`${base}/products/${i}`).then(async (r) => ({ status: r.status, body: await r.text() })));
    await Promise.all([allArrived, next.holding(NEXT_MAX_CONCURRENT_REQUESTS)]);
    // A claim that nothing more happens needs a window to watch: every request is in the
    // gateway, and without the bound the other 14 reach Next within a few milliseconds.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(next.most()).toBe(NEXT_MAX_CONCURRENT_REQUESTS);
    for (let released = 0; released < visits; released++) {
      await next.holding(1);
      next.releaseOne();
    }
    expect((await Promise.all(answers)).every((a) => a.status === 200 && a.body === "page")).toBe(true);
    expect(next.most()).toBe(NEXT_MAX_CONCURRENT_REQUESTS);
  });

  it("answers 503 with Retry-After, not 500, while Next cannot be reached (restarting)", async () => {
    const closed = await heldUpstream();
    const url = closed.url;
    await closers.pop()!();
    const app = await buildGateway({ nextUpstream: url, schedulerMode: "off", loadShedding: false, rateLimit: false });
    closers.push(() => app.close());
    const answer = await app.inject({ method: "GET", url: "/products/1" });
    expect(answer.statusCode).toBe(503);
    expect(answer.headers["retry-after"]).toBe("5");
    expect(answer.json()).toMatchObject({ error: { code: "SERVICE_UNAVAILABLE" } });
  });

  it("refuses a signed-out session from the very next request, though Next (another process) committed the sign-out", async () => {
    const user = await createUser("shopper");
    const sid = await createAuthSession(getDb(), user.id);
    const cookie = `next-auth.session-token=${await encode({ token: { sid, uid: user.id }, secret: authSecret(), maxAge: 3600 })}`;
    // Next's sign-out, as its process commits it: the row is revoked and this process's cache
    // is not touched (its notification would come from elsewhere, and the test gateway has none).
    const next = http.createServer((request, response) => {
      if (request.method !== "POST" || request.url !== "/api/auth/signout") return void response.writeHead(404).end();
      getDb()
        .execute(sql`update auth_sessions set revoked_at = now() where id = ${sid}`)
        .then(() => response.writeHead(302, { location: "/" }).end());
    });
    await new Promise<void>((resolve) => next.listen(0, "127.0.0.1", resolve));
    closers.push(() => new Promise((resolve) => next.close(resolve)));
    const app = await buildGateway({ nextUpstream: `http://127.0.0.1:${(next.address() as AddressInfo).port}`, schedulerMode: "off", loadShedding: false, rateLimit: false });
    closers.unshift(() => app.close());
    const me = async () => (await app.inject({ method: "GET", url: "/api/trpc/auth.me", headers: { cookie } })).json().result.data.json;

    // Signed in, and the session is now in the gateway's cache for its lifetime (1 s).
    expect(await me()).toMatchObject({ email: user.email });
    const signOut = await app.inject({ method: "POST", url: "/api/auth/signout", headers: { cookie }, payload: "csrfToken=x" });
    expect(signOut.statusCode).toBe(302);
    expect(await me()).toBeNull();
  });
});
