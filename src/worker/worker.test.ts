import postgres from "postgres";
import { afterAll, describe, expect, inject, it } from "vitest";
import { localSchedulerRunning } from "@/server/scheduler/local-scheduler";
import type { Sweep } from "@/server/scheduler/sweep";
import { createScratchDatabase } from "../../test/test-database";
import { endTsProcess, startTsProcess, until, type TsProcess } from "../../test/processes";
import { startWorker, sweepsForMode } from "./worker";

/** The OS pid of the worker process whose session holds the scheduler lock, if any. */
async function leaderPid(admin: postgres.Sql): Promise<number | null> {
  const [row] = await admin<{ name: string }[]>`
    select a.application_name as name from pg_locks l join pg_stat_activity a on a.pid = l.pid
    where l.locktype = 'advisory' and l.objid = 1 and l.objsubid = 2 and l.granted and l.database = (select oid from pg_database where datname = current_database())`;
  const match = row?.name.match(/^shopflow-worker pid=(\d+)$/);
  return match ? Number(match[1]) : null;
}

const leads = (p: TsProcess) => p.json().some((line) => line.msg === "scheduler leadership acquired");

describe("sweeps per scheduler mode", () => {
  it("runs every sweep locally, only the outbox relay in Inngest mode, and nothing when off", () => {
    expect(sweepsForMode("local").length).toBeGreaterThan(5);
    expect(sweepsForMode("inngest").map((s) => s.id)).toEqual(["lifecycle-outbox-relay"]);
    expect(sweepsForMode("off")).toEqual([]);
  });
});

describe("worker", () => {
  it("stops its crons when its database session drops, and starts them again once it leads again", async () => {
    const idle: Sweep = { id: "test-idle", description: "does nothing", cron: "*/30 * * * * *", run: async () => ({ processed: 0 }) };
    const seen: { isLeader: boolean; cronsRunning: boolean }[] = [];
    const url = inject("databaseUrl");
    const admin = postgres(url, { max: 1, onnotice: () => {} });
    const worker = startWorker({
      databaseUrl: url,
      mode: "local",
      sweeps: [idle],
      leaderRetryMs: 100,
      onLeadershipChange: (isLeader) => seen.push({ isLeader, cronsRunning: localSchedulerRunning() }),
    });
    try {
      await until("leadership", () => worker.isLeader());
      await admin`select pg_terminate_backend(pid) from pg_stat_activity where application_name = ${`shopflow-worker pid=${process.pid}`}`;
      await until("leadership lost and taken again", () => seen.length >= 3);
      expect(seen.slice(0, 3)).toEqual([
        { isLeader: true, cronsRunning: true },
        { isLeader: false, cronsRunning: false },
        { isLeader: true, cronsRunning: true },
      ]);
    } finally {
      await worker.stop();
      await admin.end();
    }
    expect(localSchedulerRunning()).toBe(false);
  });
});

describe("worker processes", () => {
  const scratch = createScratchDatabase(inject("adminDatabaseUrl"), "shopflow_workers");
  afterAll(async () => (await scratch).drop());

  it("two workers on one database: exactly one leads; kill -9 the leader and the other leads within seconds", async () => {
    const { url } = await scratch;
    const admin = postgres(url, { max: 1, onnotice: () => {} });
    const env = { DATABASE_URL: url, SCHEDULER_MODE: "local", WORKER_LEADER_RETRY_MS: "200", NODE_ENV: "production" };
    const workers = [startTsProcess("src/worker/main.ts", env), startTsProcess("src/worker/main.ts", env)];
    try {
      await until("both workers started", () => workers.every((w) => w.json().some((line) => line.msg?.toString().startsWith("worker started"))), { timeoutMs: 20_000 });
      const first = await until("one leader", async () => {
        const pid = await leaderPid(admin);
        return workers.find((w) => w.pid === pid);
      });
      const follower = workers.find((w) => w !== first)!;
      // Two retry rounds at least pass with the follower trying and failing.
      await until("the follower to have tried", async () => (await admin`select count(*)::int as n from pg_stat_activity where application_name = ${`shopflow-worker pid=${follower.pid}`}`)[0]!.n === 1);
      expect(leads(first)).toBe(true);
      expect(leads(follower)).toBe(false);

      const killedAt = Date.now();
      first.child.kill("SIGKILL");
      await first.exited;
      await until("the follower to lead", async () => (await leaderPid(admin)) === follower.pid && leads(follower), { timeoutMs: 10_000 });
      const failoverMs = Date.now() - killedAt;
      expect(failoverMs).toBeLessThan(10_000);

      // The new leader really runs the sweeps: a recorded run (or idle count) appears.
      await until("a sweep run by the new leader", async () => {
        const [row] = await admin<{ n: number }[]>`select (select count(*) from task_runs) + (select count(*) from task_idle_runs) as n`;
        return Number(row!.n) > 0;
      });

      follower.child.kill("SIGTERM");
      expect(await follower.exited).toBe(0);
      expect(follower.json().some((line) => line.msg === "worker stopped")).toBe(true);
      expect(await leaderPid(admin)).toBeNull();
    } finally {
      await Promise.all(workers.map(endTsProcess));
      await admin.end();
    }
  });
});
