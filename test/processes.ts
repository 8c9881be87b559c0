import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";

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
