import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { findFreePort } from "../src/server/db/embedded";

const ROOT = path.resolve(import.meta.dirname, "..");

export type RoleProcess = { child: ChildProcess; port: number; base: string; output: string[]; stop: () => Promise<void> };

/**
 * Starts `scripts/role.ts --role <role>` as a real process on the test database, the way the
 * supervisor does, and (for a gateway) waits until it answers /api/ready.
 */
export async function startRole(role: "gateway" | "worker", env: Record<string, string>): Promise<RoleProcess> {
  const port = await findFreePort();
  const output: string[] = [];
  const child = spawn(process.execPath, ["--import", "tsx", path.join(ROOT, "scripts", "role.ts"), "--role", role], {
    cwd: ROOT,
    env: { ...process.env, NODE_ENV: "production", LOG_LEVEL: "info", PORT: String(port), HOST: "127.0.0.1", SCHEDULER_MODE: "off", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout!.on("data", (chunk: Buffer) => output.push(chunk.toString()));
  child.stderr!.on("data", (chunk: Buffer) => output.push(chunk.toString()));
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once("exit", () => resolve());
      child.kill("SIGTERM");
    });
  const base = `http://127.0.0.1:${port}`;
  if (role === "gateway") {
    const deadline = Date.now() + 60_000;
    for (;;) {
      if (child.exitCode !== null) throw new Error(`gateway exited: ${output.join("")}`);
      if (Date.now() > deadline) throw new Error(`gateway not ready in time: ${output.join("")}`);
      const ready = await fetch(`${base}/api/ready`).then((r) => r.ok, () => false);
      if (ready) break;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
  return { child, port, base, output, stop };
}
