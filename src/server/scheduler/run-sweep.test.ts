import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/server/db/client";
import { taskIdleRuns, taskRuns } from "@/server/db/schema";
import { until } from "../../../test/processes";
import { flushIdleRuns } from "./idle-runs";
import { RECORD_RUNNING_AFTER_MS, runSweep } from "./run-sweep";
import type { Sweep } from "./sweep";

const sweepOf = (run: Sweep["run"]): Sweep => ({ id: `test-sweep-${randomUUID().slice(0, 8)}`, description: "test", cron: "* * * * * *", run });
const rowsOf = (taskId: string) => getDb().select().from(taskRuns).where(eq(taskRuns.taskId, taskId));
const idleOf = async (taskId: string) => (await getDb().select().from(taskIdleRuns).where(eq(taskIdleRuns.taskId, taskId))).reduce((sum, r) => sum + r.runs, 0);

describe("scheduled sweep runs: recorded when they matter, counted in batches when idle", () => {
  it("quick idle runs write no task_runs row; the first is counted at once, later ones at most once a minute and at stop", async () => {
    const sweep = sweepOf(async () => ({ processed: 0 }));
    const start = Date.now();
    await runSweep(getDb(), sweep, { now: new Date(start) });
    expect(await idleOf(sweep.id)).toBe(1);
    for (let i = 1; i <= 5; i++) await runSweep(getDb(), sweep, { now: new Date(start + i * 2_000) });
    expect(await idleOf(sweep.id)).toBe(1); // within the minute: in memory
    await runSweep(getDb(), sweep, { now: new Date(start + 61_000) });
    expect(await idleOf(sweep.id)).toBe(7);
    await runSweep(getDb(), sweep, { now: new Date(start + 63_000) });
    await flushIdleRuns(getDb);
    expect(await idleOf(sweep.id)).toBe(8);
    expect(await rowsOf(sweep.id)).toEqual([]);
  });

  it("a run that did something is kept, and an admin's run is kept even when idle", async () => {
    const busy = sweepOf(async () => ({ processed: 3, details: { shipped: 3 } }));
    await runSweep(getDb(), busy);
    expect(await rowsOf(busy.id)).toEqual([expect.objectContaining({ status: "succeeded", trigger: "cron", result: { processed: 3, shipped: 3 } })]);
    const idle = sweepOf(async () => ({ processed: 0 }));
    await runSweep(getDb(), idle, { trigger: "manual" });
    expect(await rowsOf(idle.id)).toEqual([expect.objectContaining({ status: "succeeded", trigger: "manual" })]);
  });

  it("a slow run shows as running while it runs; a failed one is recorded with its error", async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const slow = sweepOf(async () => {
      await gate;
      return { processed: 0 };
    });
    const running = runSweep(getDb(), slow);
    const shown = await until("the slow run to show", async () => (await rowsOf(slow.id)).find((r) => r.status === "running"), { timeoutMs: RECORD_RUNNING_AFTER_MS + 15_000 });
    expect(shown).toBeDefined();
    release();
    await running;
    // Idle in the end: counted, its row gone.
    expect(await rowsOf(slow.id)).toEqual([]);
    expect(await idleOf(slow.id)).toBe(1);

    const failing = sweepOf(async () => {
      throw new Error("carrier API down");
    });
    await expect(runSweep(getDb(), failing)).rejects.toThrow("carrier API down");
    expect(await rowsOf(failing.id)).toEqual([expect.objectContaining({ status: "failed", error: "Error: carrier API down" })]);
  });
});
