import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
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
  // Three workers on a database of their own, started once: Node with the sweeps' module graph
  // takes seconds to start on a loaded machine. Each test works with whichever are still alive.
  const env = { SCHEDULER_MODE: "local", WORKER_LEADER_RETRY_MS: "200", NODE_ENV: "production" };
  let scratch: { url: string; drop: () => Promise<void> };
  let admin: postgres.Sql;
  let workers: TsProcess[] = [];
  const alive = () => workers.filter((w) => w.child.exitCode === null && w.child.signalCode === null);
  const currentLeader = async () => {
    const pid = await leaderPid(admin);
    return alive().find((w) => w.pid === pid);
  };

  beforeAll(async () => {
    scratch = await createScratchDatabase(inject("adminDatabaseUrl"), "shopflow_workers");
    admin = postgres(scratch.url, { max: 1, onnotice: () => {} });
    workers = [0, 1, 2].map(() => startTsProcess("src/worker/main.ts", { ...env, DATABASE_URL: scratch.url }));
    await until("every worker started", () => workers.every((w) => w.json().some((line) => line.msg?.toString().startsWith("worker started"))), { timeoutMs: 60_000 });
  });

  afterAll(async () => {
    for (const w of workers) w.child.kill("SIGCONT");
    await Promise.all(workers.map(endTsProcess));
    await admin?.end();
    await scratch?.drop();
  });

  it("exactly one leads; kill -9 the leader and another leads within seconds and runs the sweeps", async () => {
    const first = await until("one leader", async () => {
      const leader = await currentLeader();
      return leader && leads(leader) ? leader : undefined;
    });
    // Every follower is connected (so it is trying the lock) and none claims to lead.
    await until("the followers connected", async () => {
      const [row] = await admin<{ n: number }[]>`select count(*)::int as n from pg_stat_activity where application_name like 'shopflow-worker pid=%'`;
      return row!.n === 3;
    });
    expect(alive().filter((w) => leads(w))).toEqual([first]);

    const killedAt = Date.now();
    first.child.kill("SIGKILL");
    await first.exited;
    const next = await until("another leader", async () => {
      const leader = await currentLeader();
      return leader && leads(leader) ? leader : undefined;
    });
    expect(next).not.toBe(first);
    expect(Date.now() - killedAt).toBeLessThan(10_000);
    expect(alive().filter((w) => leads(w))).toEqual([next]);

    // The new leader really runs the sweeps: a recorded run (or an idle count) appears.
    await until("a sweep run", async () => {
      const [row] = await admin<{ n: number }[]>`select (select count(*) from task_runs) + (select count(*) from task_idle_runs) as n`;
      return Number(row!.n) > 0;
    });
  });

  it("a frozen leader (its socket still open) loses the lock to another worker, and steps down when it wakes", async () => {
    expect(alive().length).toBeGreaterThanOrEqual(2);
    const frozen = await until("a leader", currentLeader);
    const others = alive().filter((w) => w !== frozen);
    frozen.child.kill("SIGSTOP");
    // PostgreSQL ends the silent session after idle_session_timeout (5 retries, at least 1 s).
    const next = await until(
      "another worker to lead",
      async () => {
        const leader = await currentLeader();
        return leader !== frozen ? leader : undefined;
      },
      { timeoutMs: 10_000 },
    );
    expect(others).toContain(next);
    frozen.child.kill("SIGCONT");
    await until("the woken leader to step down", () => frozen.json().some((line) => line.msg === "scheduler leadership lost"));
    expect(await currentLeader()).toBe(next);
  });

  it("stops cleanly on SIGTERM, handing the lock back", async () => {
    const leader = await until("a leader", currentLeader);
    leader.child.kill("SIGTERM");
    expect(await leader.exited).toBe(0);
    expect(leader.json().some((line) => line.msg === "worker stopped")).toBe(true);
    await until("the lock handed to another or freed", async () => (await currentLeader()) !== leader);
  });
});
