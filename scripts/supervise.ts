import type { ChildProcess } from "node:child_process";

/**
 * Whether a role that stopped on its own may be started again: at most `max` restarts within
 * `windowMs`. A role that keeps dying (a port taken, a broken build) is not restarted forever:
 * past the budget the supervisor stops the shop as before, and the log says why.
 */
export function restartBudget(max = 3, windowMs = 5 * 60_000, now: () => number = Date.now): () => boolean {
  const restarts: number[] = [];
  return () => {
    const at = now();
    while (restarts.length > 0 && at - restarts[0]! > windowMs) restarts.shift();
    if (restarts.length >= max) return false;
    restarts.push(at);
    return true;
  };
}

export type SuperviseOptions = {
  /** True once the supervisor is stopping everything: an exit then is expected, not restarted. */
  stopping: () => boolean;
  /** Asked on each unexpected exit; see restartBudget. */
  mayRestart: () => boolean;
  /** Each process started (the first and every restart), so the supervisor knows the current one. */
  onStart: (child: ChildProcess) => void;
  onRestart: (why: string) => void;
  onGiveUp: (why: string, code: number) => void;
};

/**
 * Runs a role's process and starts it again when it stops on its own — Next out of memory under a
 * long page load used to take the whole shop down with it (docs/performance.md, round 14).
 */
export function superviseRole(start: () => ChildProcess, options: SuperviseOptions): void {
  const launch = () => {
    const child = start();
    options.onStart(child);
    child.on("exit", (code, signal) => {
      if (options.stopping()) return;
      const why = signal ?? `exit code ${code}`;
      if (options.mayRestart()) {
        options.onRestart(why);
        launch();
      } else {
        options.onGiveUp(why, code || 1);
      }
    });
  };
  launch();
}
