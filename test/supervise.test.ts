/**
 * scripts/supervise.ts: the supervisor (`npm start`) starts a role again when it stops on its
 * own, within a budget, and never while it is stopping everything.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { describe, expect, it } from "vitest";
import { restartBudget, superviseRole } from "../scripts/supervise";

/** A stand-in role that exits with code 1 at once (as Next out of memory takes the web role down). */
const dying = () => spawn(process.execPath, ["-e", "process.exit(1)"], { stdio: "ignore" });

describe("restartBudget", () => {
  it("allows three restarts within five minutes, then refuses until the oldest is five minutes old", () => {
    let now = 0;
    const mayRestart = restartBudget(3, 300_000, () => now);
    const at = (ms: number) => {
      now = ms;
      return mayRestart();
    };
    expect([at(0), at(100_000), at(200_000), at(250_000)]).toEqual([true, true, true, false]);
    expect(at(300_001)).toBe(true);
    expect(at(300_002)).toBe(false);
  });
});

describe("superviseRole", () => {
  it("starts a role that died again, and gives up (stopping the shop) once the budget is spent", async () => {
    const started: ChildProcess[] = [];
    const restarts: string[] = [];
    const gaveUp = await new Promise<{ why: string; code: number }>((resolve) =>
      superviseRole(dying, {
        stopping: () => false,
        mayRestart: restartBudget(3),
        onStart: (child) => started.push(child),
        onRestart: (why) => restarts.push(why),
        onGiveUp: (why, code) => resolve({ why, code }),
      }),
    );
    expect(started).toHaveLength(4);
    expect(restarts).toEqual(["exit code 1", "exit code 1", "exit code 1"]);
    expect(gaveUp).toEqual({ why: "exit code 1", code: 1 });
  });

  it("does not restart a role that stops while the supervisor is stopping", async () => {
    let onStart: (child: ChildProcess) => void = () => {};
    const first = new Promise<ChildProcess>((resolve) => (onStart = resolve));
    const starts: ChildProcess[] = [];
    let restarted = false;
    superviseRole(() => spawn(process.execPath, ["-e", "setInterval(() => {}, 1000)"], { stdio: "ignore" }), {
      stopping: () => true,
      mayRestart: () => true,
      onStart: (child) => {
        starts.push(child);
        onStart(child);
      },
      onRestart: () => (restarted = true),
      onGiveUp: () => (restarted = true),
    });
    const child = await first;
    const exited = new Promise((resolve) => child.once("exit", resolve));
    child.kill("SIGTERM");
    await exited;
    expect(starts).toHaveLength(1);
    expect(restarted).toBe(false);
  });
});
