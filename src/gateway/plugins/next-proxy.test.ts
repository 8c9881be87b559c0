import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
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
});
