import Fastify from "fastify";
import { afterAll, describe, expect, it } from "vitest";
import { apiRateLimitPlugin } from "@/gateway/rate-limit";
import type { RequestIdentity } from "@/gateway/types";
import { getDb } from "@/server/db/client";
import { PostgresCounterBackend, SharedCounters, ZApiSettingsFields } from "@/server/rate-limit";
import { callerAs, createAdmin, createShopper } from "../../../../test/fixtures";

// Every test here changes the one `api` settings row, so they live in one file and run in order.
describe("Admin → Settings → API", () => {
  const restore: Array<() => Promise<unknown>> = [];
  afterAll(async () => {
    for (const undo of restore.reverse()) await undo();
  });

  it("is for admins only", async () => {
    const shopper = await createShopper();
    await expect(shopper.caller.adminApi.settings()).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(callerAs(null).adminApi.updateSettings({ requestsPerMinute: 50 })).rejects.toMatchObject({ code: "UNAUTHORIZED" });
  });

  it("defaults to the seed's 1000 per minute, validates a change and keeps its history", async () => {
    expect(ZApiSettingsFields.parse({})).toEqual({ requestsPerMinute: 1_000 });
    const { caller } = await createAdmin();
    const before = await caller.adminApi.settings();
    restore.push(() => caller.adminApi.updateSettings(before));
    const bad = await caller.adminApi.updateSettings({ requestsPerMinute: 0 }).catch((e: unknown) => e);
    expect(bad).toMatchObject({ code: "BAD_REQUEST", cause: { issues: [expect.objectContaining({ path: ["requestsPerMinute"] })] } });
    expect(await caller.adminApi.updateSettings({ requestsPerMinute: 600 })).toEqual({ requestsPerMinute: 600 });
    expect(await caller.adminApi.settings()).toEqual({ requestsPerMinute: 600 });
    const [change] = await caller.adminApi.settingsHistory();
    expect(change).toMatchObject({ before, after: { requestsPerMinute: 600 } });
  });

  it("is the allowance the gateway plugin applies, and a change reaches it within seconds", async () => {
    const { caller } = await createAdmin();
    const before = await caller.adminApi.settings();
    restore.push(() => caller.adminApi.updateSettings(before));
    await caller.adminApi.updateSettings({ requestsPerMinute: 10 });

    const app = Fastify();
    app.decorateRequest("identity", null as unknown as RequestIdentity);
    const counters = new SharedCounters(new PostgresCounterBackend(getDb));
    await app.register(apiRateLimitPlugin, { counters, keyPrefix: `api-settings-test:${Date.now()}:` });
    app.get("/api/things", async () => ({ ok: true }));
    restore.push(() => app.close());

    const send = () => app.inject({ url: "/api/things", remoteAddress: "192.0.2.44" });
    const first = await send();
    expect(first.headers["ratelimit-limit"]).toBe("10");
    await caller.adminApi.updateSettings({ requestsPerMinute: 20 });
    // Read in the background at most every second: poll with a deadline.
    const deadline = Date.now() + 5_000;
    let limit = first.headers["ratelimit-limit"];
    while (limit !== "20" && Date.now() < deadline) {
      // inject never waits for I/O: let the plugin's background read of the setting get its answer.
      await new Promise((resolve) => setImmediate(resolve));
      limit = (await send()).headers["ratelimit-limit"];
    }
    expect(limit).toBe("20");
  });
});
