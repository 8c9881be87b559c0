import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { findFreePort } from "../src/server/db/embedded";

const ROOT = path.resolve(import.meta.dirname, "..");

/** Polls `probe` until it returns a truthy value, or fails naming `what` after `timeoutMs`. */
export async function until<T>(what: string, probe: () => T | Promise<T>, { timeoutMs = 10_000, everyMs = 50 } = {}): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value as NonNullable<T>;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}

/** A TypeScript entry of ours running as a real Node process (under tsx), with its output lines. */
export type TsProcess = {
  child: ChildProcess;
  pid: number;
  /** Every stdout line so far, and the JSON ones parsed. */
  lines: string[];
  json(): Record<string, unknown>[];
  /** Resolves with the exit code (or the signal's name). */
  exited: Promise<number | string>;
  send(line: string): void;
};

export function startTsProcess(entry: string, env: Record<string, string | undefined>): TsProcess {
  const child = spawn(process.execPath, ["--import", "tsx", path.resolve(ROOT, entry)], {
    cwd: ROOT,
    env: { ...process.env, LOG_LEVEL: "info", ...env },
    stdio: ["pipe", "pipe", "pipe"],
  });
  const lines: string[] = [];
  let buffered = "";
  child.stdout!.setEncoding("utf8").on("data", (chunk: string) => {
    buffered += chunk;
    const parts = buffered.split("\n");
    buffered = parts.pop()!;
    lines.push(...parts.filter(Boolean));
  });
  let stderr = "";
  child.stderr!.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
  const exited = new Promise<number | string>((resolve) =>
    child.on("exit", (code, signal) => {
      if (code) process.stderr.write(`${entry} exited with ${code}:\n${stderr}\n`);
      resolve(code ?? signal ?? "unknown");
    }),
  );
  return {
    child,
    pid: child.pid!,
    lines,
    json: () =>
      lines.flatMap((line) => {
        try {
          return [JSON.parse(line) as Record<string, unknown>];
        } catch {
          return [];
        }
      }),
    exited,
    send: (line) => void child.stdin!.write(`${line}\n`),
  };
}

/** Ends a test process if it still runs: SIGTERM, then SIGKILL when it does not exit in time. */
export async function endTsProcess(p: TsProcess): Promise<void> {
  if (p.child.exitCode !== null || p.child.signalCode !== null) return;
  p.child.kill("SIGTERM");
  const timer = setTimeout(() => p.child.kill("SIGKILL"), 5_000);
  await p.exited;
  clearTimeout(timer);
}

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
