import { encode } from "next-auth/jwt";
import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { authSecret } from "@/env";
import { createDatabase, type Database } from "@/server/db/client";
import { processHeartbeats } from "@/server/db/schema";
import { eq } from "drizzle-orm";
import { createAdmin, createShopper } from "../../../../test/fixtures";
import { testGateway } from "../../../../test/gateway-fixtures";
import { startRole, until, type RoleProcess } from "../../../../test/processes";
import { createScratchDatabase } from "../../../../test/test-database";
import packageJson from "../../../../package.json";
import { listProcesses, requestFigures } from "./monitoring.service";
import { createProcessSampler, processIdentity, writeHeartbeat } from "./process-heartbeat";
import { RequestStatsRecorder } from "./request-stats";

/**
 * Admin → Monitoring across processes: two gateways started as `npm start` starts them
 * (scripts/role.ts) on a database of their own, beating and flushing every 200 ms.
 */
const gateways: RoleProcess[] = [];
let scratch: Awaited<ReturnType<typeof createScratchDatabase>>;
let db: Database;
let closeScratchPool: () => Promise<void>;

beforeAll(async () => {
  scratch = await createScratchDatabase(inject("adminDatabaseUrl"), "shopflow_monitoring");
  const opened = createDatabase(scratch.url, 2);
  db = opened.db;
  closeScratchPool = () => opened.sql.end();
  const env = { DATABASE_URL: scratch.url, NEXTAUTH_SECRET: authSecret(), GATEWAY_SECRET: "test-gateway-secret-0000", MONITORING_HEARTBEAT_MS: "200", MONITORING_FLUSH_MS: "200" };
  gateways.push(...(await Promise.all([startRole("gateway", env), startRole("gateway", env)])));
});

afterAll(async () => {
  await Promise.all(gateways.map((g) => g.stop()));
  await closeScratchPool?.();
  await scratch?.drop();
});

const now = () => new Date();

describe("the process registry", () => {
  it("lists both gateway processes with their pid, version, memory and event-loop delay", async () => {
    const pids = gateways.map((g) => g.child.pid);
    const rows = await until("both gateways' heartbeats", async () => {
      const alive = (await listProcesses(db, { now: now() })).filter((p) => p.role === "gateway" && p.status === "alive" && pids.includes(p.pid));
      return alive.length === 2 ? alive : null;
    });
    for (const row of rows) {
      expect(row.version).toBe(packageJson.version);
      expect(row.rssBytes).toBeGreaterThan(10_000_000);
      expect(row.heapUsedBytes).toBeGreaterThan(0);
      expect(row.eventLoopDelayP99Ms).toBeGreaterThanOrEqual(0);
      expect(row.dbPools.map((p) => p.pool)).toContain("statement");
    }
    // Beats move on: the last beat is recent, not the first one written.
    const before = rows[0]!.lastBeatAt.getTime();
    await until("a later beat", async () => (await listProcesses(db, { now: now() })).find((p) => p.instanceId === rows[0]!.instanceId)!.lastBeatAt.getTime() > before);
  });

  it("shows a process that stopped beating as gone, and prunes one silent for a day", async () => {
    const identity = processIdentity("worker");
    const sampler = createProcessSampler();
    const sample = await sampler.sample();
    sampler.stop();
    await writeHeartbeat(db, { identity, sample, intervalMs: 1_000, schedulerLeader: true, now: new Date(Date.now() - 60_000) });
    const shown = (await listProcesses(db, { now: now() })).find((p) => p.instanceId === identity.instanceId);
    expect(shown?.status).toBe("gone");

    const ancient = processIdentity("web");
    await db.insert(processHeartbeats).values({ ...ancient, ...sample, intervalMs: 5_000, lastBeatAt: new Date(Date.now() - 2 * 86_400_000) });
    // The live gateways' next beats prune it.
    await until("the day-old row pruned", async () => (await db.select().from(processHeartbeats).where(eq(processHeartbeats.instanceId, ancient.instanceId))).length === 0);
  });
});

describe("request statistics", () => {
  it("add up across gateways: N requests to one and M to the other are stored as N + M", async () => {
    const [a, b] = gateways as [RoleProcess, RoleProcess];
    const hit = (gateway: RoleProcess, path: string) => fetch(`${gateway.base}${path}`).then((r) => r.status);
    const statuses = await Promise.all([
      ...Array.from({ length: 7 }, () => hit(a, "/api/trpc/catalog.categories")),
      ...Array.from({ length: 5 }, () => hit(b, "/api/trpc/catalog.categories")),
      // Signed out: 401, counted as client errors.
      ...Array.from({ length: 3 }, () => hit(a, "/api/trpc/order.mine")),
    ]);
    expect(statuses.filter((s) => s === 200)).toHaveLength(12);
    expect(statuses.filter((s) => s === 401)).toHaveLength(3);

    const figures = await until("both gateways' counts flushed", async () => {
      const f = await requestFigures(db, { now: now(), windowMinutes: 60 });
      const categories = f.routes.find((r) => r.route === "trpc catalog.categories");
      const orders = f.routes.find((r) => r.route === "trpc order.mine");
      return categories?.count === 12 && orders?.count === 3 ? { f, categories, orders } : null;
    });
    expect(figures.categories).toMatchObject({ clientErrors: 0, serverErrors: 0, errorRate: 0 });
    expect(figures.categories.p95Ms).toBeGreaterThan(0);
    expect(figures.orders).toMatchObject({ clientErrors: 3, serverErrors: 0, errorRate: 1 });
    expect(figures.f.perMinute).toHaveLength(60);
    expect(figures.f.perMinute.reduce((sum, m) => sum + m.count, 0)).toBe(figures.f.totals.count);
  });

  it("sum two recorders' latency buckets in the table, so p95 is that of the combined distribution", async () => {
    // Two gateways' worth of one minute: 90 requests of 20 ms on one, 10 of 150 ms on the other.
    const at = Date.now();
    const first = new RequestStatsRecorder();
    const second = new RequestStatsRecorder();
    for (let i = 0; i < 90; i++) first.record("test known distribution", 200, 20, at);
    for (let i = 0; i < 10; i++) second.record("test known distribution", 503, 150, at);
    await first.flush(db);
    await second.flush(db);
    // A second flush of the same minute adds to the row instead of replacing it.
    first.record("test known distribution", 200, 20, at);
    await first.flush(db);

    const route = (await requestFigures(db, { now: new Date(at), windowMinutes: 5 })).routes.find((r) => r.route === "test known distribution")!;
    expect(route.count).toBe(101);
    expect(route.serverErrors).toBe(10);
    // Rank 95.95 of 101 is the 4.95th of the 10 in 100–200 ms: 100 + 100 × 4.95/10.
    expect(route.p95Ms).toBeCloseTo(149.5, 6);
    expect(route.meanMs).toBeCloseTo((91 * 20 + 10 * 150) / 101, 6);
  });

  it("keep counting in memory while the database is away, and write it all once it answers", async () => {
    const recorder = new RequestStatsRecorder();
    const at = Date.now();
    recorder.record("test outage", 200, 3, at);
    const broken = createDatabase("postgres://nobody@127.0.0.1:1/none", 1);
    await expect(recorder.flush(broken.db)).rejects.toThrow();
    await broken.sql.end();
    recorder.record("test outage", 200, 4, at);
    expect(recorder.pending).toBe(1);
    await recorder.flush(db);
    const route = (await requestFigures(db, { now: new Date(at), windowMinutes: 5 })).routes.find((r) => r.route === "test outage")!;
    expect(route.count).toBe(2);
  });
});

describe("the admin procedure", () => {
  it("answers admins (tRPC and GET /api/v1/admin/monitoring) and refuses shoppers", async () => {
    const [admin, shopper] = await Promise.all([createAdmin(), createShopper()]);
    const overview = await admin.caller.adminMonitoring.overview({});
    expect(overview.windowMinutes).toBe(60);
    expect(overview.scheduler.tasks.length).toBeGreaterThan(0);
    await expect(shopper.caller.adminMonitoring.overview({})).rejects.toSatisfy((e: unknown) => e instanceof TRPCError && e.code === "FORBIDDEN");
    await expect(admin.caller.adminMonitoring.overview({ windowMinutes: 1 })).rejects.toSatisfy((e: unknown) => e instanceof TRPCError && e.code === "BAD_REQUEST");

    const app = await testGateway();
    const cookie = `next-auth.session-token=${await encode({ token: { sid: admin.session.sessionId, uid: admin.user.id }, secret: authSecret(), maxAge: 3600 })}`;
    const answer = await app.inject({ method: "GET", url: "/api/v1/admin/monitoring?windowMinutes=30", headers: { cookie } });
    expect(answer.statusCode).toBe(200);
    expect(answer.json()).toMatchObject({ windowMinutes: 30, outbox: { backlog: expect.any(Number) } });
  });
});
