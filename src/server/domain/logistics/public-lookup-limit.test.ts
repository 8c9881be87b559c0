import { randomUUID } from "node:crypto";
import { describe, expect, it, vi } from "vitest";
import { createSharedCounters } from "@/server/rate-limit";
import { consumePublicLookup, publicLookupRetryAfter } from "./public-lookup-limit";

describe("public tracking lookup limit", () => {
  it("refuses the lookup after the minute's allowance with RATE_LIMITED and a wait, and counts nothing when asked", async () => {
    const client = `client-${randomUUID()}`;
    expect(await publicLookupRetryAfter(client, 3)).toBeNull();
    for (let i = 0; i < 3; i++) await consumePublicLookup(client, 3);
    const refusal = await consumePublicLookup(client, 3).catch((e: unknown) => e);
    expect(refusal).toMatchObject({ code: "RATE_LIMITED" });
    const wait = (refusal as { retryAfterSeconds: number }).retryAfterSeconds;
    expect(wait).toBeGreaterThanOrEqual(1);
    expect(wait).toBeLessThanOrEqual(60);
    // A higher allowance lets the same client on at once.
    expect(await publicLookupRetryAfter(client, 10)).toBeNull();
  });

  it("is one allowance for every process: a fresh copy of the module sees the lookups counted by another", async () => {
    const client = `client-${randomUUID()}`;
    for (let i = 0; i < 2; i++) await consumePublicLookup(client, 2);
    // Another process's view of the store: its own counters instance on the same database.
    const otherProcess = createSharedCounters();
    expect((await otherProcess.inspect(`track:${client}`)).count).toBe(2);
    await otherProcess.close();
    vi.resetModules();
    const elsewhere = await import("./public-lookup-limit");
    const seconds = await elsewhere.publicLookupRetryAfter(client, 2);
    expect(seconds).toBeGreaterThanOrEqual(1);
    expect(seconds).toBeLessThanOrEqual(60);
    await expect(elsewhere.consumePublicLookup(client, 2)).rejects.toMatchObject({ code: "RATE_LIMITED" });
  });
});
