import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listenGateway } from "../../../test/gateway-fixtures";
import { retryAfterOf, trpcResponseMeta } from "./trpc";
import { TRPCError } from "@trpc/server";
import { DomainError } from "@/server/errors";

let gateway: Awaited<ReturnType<typeof listenGateway>>;
beforeAll(async () => {
  gateway = await listenGateway();
});
afterAll(() => gateway.close());

const track = (no: string) => `/api/trpc/logistics.track?input=${encodeURIComponent(JSON.stringify({ json: { trackingNo: no } }))}`;
const trackBatch = (no: string) => `/api/trpc/logistics.track?batch=1&input=${encodeURIComponent(JSON.stringify({ 0: { json: { trackingNo: no } } }))}`;

describe("Retry-After on tRPC answers", () => {
  it("is read from a RATE_LIMITED DomainError, whichever copy of the class made it", () => {
    const limited = new DomainError("RATE_LIMITED", "slow down", undefined, { retryAfterSeconds: 12.2 });
    expect(retryAfterOf(new TRPCError({ code: "TOO_MANY_REQUESTS", cause: limited }))).toBe(13);
    expect(retryAfterOf(new TRPCError({ code: "TOO_MANY_REQUESTS", cause: Object.assign(new Error("x"), { retryAfterSeconds: 5 }) }))).toBe(5);
    expect(retryAfterOf(new TRPCError({ code: "NOT_FOUND" }))).toBeUndefined();
    expect(trpcResponseMeta({ errors: [new TRPCError({ code: "NOT_FOUND" })] })).toEqual({});
    const both = [new TRPCError({ code: "TOO_MANY_REQUESTS", cause: limited }), new TRPCError({ code: "TOO_MANY_REQUESTS", cause: new DomainError("RATE_LIMITED", "x", undefined, { retryAfterSeconds: 40 }) })];
    expect(trpcResponseMeta({ errors: both })).toEqual({ headers: { "retry-after": "40" } });
  });

  it("is sent with every 429 of the tracking lookup: single and batched calls through the gateway; a made-up X-Forwarded-For changes nothing", async () => {
    let limited: Response | undefined;
    for (let i = 0; i < 1100 && !limited; i++) {
      const answer = await fetch(`${gateway.base}${track("ZX0000000000001")}`, { headers: { "x-forwarded-for": `198.51.100.${i % 250}` } });
      if (answer.status === 429) limited = answer;
      else expect(answer.status).toBe(404);
    }
    expect(limited?.status).toBe(429);
    const seconds = Number(limited!.headers.get("retry-after"));
    expect(seconds).toBeGreaterThanOrEqual(1);
    expect(seconds).toBeLessThanOrEqual(60);
    expect((await limited!.json()).error.json.data).toMatchObject({ code: "TOO_MANY_REQUESTS", retryAfterSeconds: seconds });

    for (const url of [`${gateway.base}${track("ZX0000000000001")}`, `${gateway.base}${trackBatch("ZX0000000000001")}`]) {
      const answer = await fetch(url, { headers: { "x-forwarded-for": "203.0.113.77" } });
      expect(answer.status, url).toBe(429);
      expect(Number(answer.headers.get("retry-after")), url).toBeGreaterThanOrEqual(1);
    }
  });
});
