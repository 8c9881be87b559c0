import { afterAll, describe, expect, it } from "vitest";
import { buildGateway } from "../build-gateway";
import { OVERLOAD_MESSAGE } from "./load-shedding";

/** Blocks this process's event loop for `ms`, as an overloaded server's would be. */
function hog(ms: number) {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    // busy: nothing else runs meanwhile
  }
}

describe("load shedding", () => {
  const gateways: Awaited<ReturnType<typeof buildGateway>>[] = [];
  afterAll(() => Promise.all(gateways.map((g) => g.close())));

  it("answers 503 with Retry-After at once while the event loop lags, then serves again", async () => {
    const app = await buildGateway({ schedulerMode: "off", rateLimit: false, loadShedding: { maxEventLoopDelayMs: 50, maxRssBytes: 0, retryAfterSeconds: 3 } });
    gateways.push(app);
    expect((await app.inject("/api/health")).statusCode).toBe(200);

    // Lag the loop until the sampler sees it (it samples off the request path).
    let shed: Awaited<ReturnType<typeof app.inject>> | undefined;
    const deadline = Date.now() + 10_000;
    while (!shed && Date.now() < deadline) {
      hog(200);
      await new Promise((resolve) => setImmediate(resolve));
      const answer = await app.inject("/api/inngest");
      if (answer.statusCode === 503) shed = answer;
    }
    expect(shed?.statusCode).toBe(503);
    expect(shed!.headers["retry-after"]).toBe("3");
    expect(shed!.json()).toMatchObject({ error: { message: OVERLOAD_MESSAGE } });

    // Once the loop is idle again, requests are served.
    let served = false;
    const recovery = Date.now() + 10_000;
    while (!served && Date.now() < recovery) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      served = (await app.inject("/api/inngest")).statusCode === 200;
    }
    expect(served).toBe(true);
  });
});
