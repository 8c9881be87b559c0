/**
 * Starts one role the way scripts/start.ts does — output through pipes it relays line by line,
 * an IPC channel as the role's lifeline — and prints the role's pid first. The test kills this
 * process outright (SIGKILL), as an operator's `kill -9` or an OOM kill would.
 */
import { spawn } from "node:child_process";
import path from "node:path";
import readline from "node:readline";

const role = process.argv[2] ?? "worker";
const child = spawn(process.execPath, ["--import", "tsx", path.resolve(import.meta.dirname, "..", "..", "scripts", "role.ts"), "--role", role], {
  stdio: ["ignore", "pipe", "pipe", "ipc"],
  env: { ...process.env, SHOPFLOW_ROLE: role },
});
process.stdout.write(`${JSON.stringify({ rolePid: child.pid })}\n`);
for (const stream of [child.stdout!, child.stderr!]) readline.createInterface({ input: stream }).on("line", (line) => process.stdout.write(`${line}\n`));
