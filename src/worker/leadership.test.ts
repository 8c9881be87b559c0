import postgres from "postgres";
import { afterAll, describe, expect, inject, it } from "vitest";
import { until } from "../../test/processes";
import { startLeadership, type Leadership } from "./leadership";

const url = inject("databaseUrl");
const admin = postgres(url, { max: 1, onnotice: () => {} });
afterAll(() => admin.end());

/** The application_name of the session holding the scheduler lock, if any. */
async function holder(): Promise<string | null> {
  const [row] = await admin<{ name: string }[]>`
    select a.application_name as name from pg_locks l join pg_stat_activity a on a.pid = l.pid
    where l.locktype = 'advisory' and l.objid = 1 and l.objsubid = 2 and l.granted and l.database = (select oid from pg_database where datname = current_database())`;
  return row?.name ?? null;
}

describe("scheduler leadership", () => {
  it("has one leader at a time; a leader whose connection drops steps down and another takes over", async () => {
    const changes: Record<string, boolean[]> = { a: [], b: [] };
    const start = (name: "a" | "b") =>
      startLeadership({ databaseUrl: url, retryMs: 100, applicationName: `leadership-test-${name}`, onLeadershipChange: (v) => changes[name]!.push(v) });
    const all: Record<string, Leadership> = { a: start("a"), b: start("b") };
    try {
      const first = await until("a leader", async () => {
        const leaders = Object.keys(all).filter((k) => all[k]!.isLeader());
        return leaders.length === 1 && (await holder()) === `leadership-test-${leaders[0]}` ? leaders[0] : null;
      });
      const second = first === "a" ? "b" : "a";
      expect(all[second]!.isLeader()).toBe(false);

      // The leader's session is cut (a network drop, a restart of PostgreSQL's backend).
      await admin`select pg_terminate_backend(pid) from pg_stat_activity where application_name = ${`leadership-test-${first}`}`;
      await until("the old leader to step down", () => changes[first]!.at(-1) === false);
      const next = await until("a new leader", async () => {
        const leaders = Object.keys(all).filter((k) => all[k]!.isLeader());
        return leaders.length === 1 && (await holder()) === `leadership-test-${leaders[0]}` ? leaders[0] : null;
      });
      expect(["a", "b"]).toContain(next);
      expect(changes[first]!.slice(0, 2)).toEqual([true, false]);
    } finally {
      await Promise.all(Object.values(all).map((l) => l.stop()));
    }
    expect(await holder()).toBeNull();
  });
});
