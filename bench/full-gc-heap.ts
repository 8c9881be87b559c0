/**
 * Next's live heap over a run: the heap size after each full collection (mark-compact), read from
 * the `--trace-gc` lines of a bench's server.log (`BENCH_WEB_FLAGS=--trace-gc BENCH_KEEP=1`), as
 * the lowest value in each window of `--window` seconds (default 30: one page of the page bench
 * at BENCH_DURATION=25). A heap that only grows with the pages served climbs window after window;
 * a bounded one stays level.
 *
 *   npx tsx bench/full-gc-heap.ts <server.log> [--role web] [--window 30]
 */
import fs from "node:fs";

const args = process.argv.slice(2);
const option = (name: string, fallback: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1]! : fallback;
};
const file = args[0];
if (!file) throw new Error("usage: full-gc-heap <server.log> [--role web] [--window 30]");
const role = option("--role", "web");
const windowS = Number(option("--window", "30"));

/** `[pid:isolate]   1167 ms: Mark-Compact 17.4 (30.4) -> 13.9 (32.7) MB, ...`: ms since start and MB after. */
const MARK_COMPACT = /\s(\d+) ms: Mark-Compact(?: \(reduce\))? [\d.]+ \([\d.]+\) -> ([\d.]+) \(/;

const windows = new Map<number, { lowest: number; count: number }>();
for (const line of fs.readFileSync(file, "utf8").split("\n")) {
  let message = line;
  if (line.startsWith("{")) {
    // The supervisor writes each role's output as a JSON log line.
    const entry = JSON.parse(line) as { role?: string; msg?: string };
    if (entry.role !== role || !entry.msg) continue;
    message = entry.msg;
  }
  const match = MARK_COMPACT.exec(message);
  if (!match) continue;
  const index = Math.floor(Number(match[1]) / 1000 / windowS);
  const mb = Number(match[2]);
  const row = windows.get(index) ?? { lowest: Infinity, count: 0 };
  windows.set(index, { lowest: Math.min(row.lowest, mb), count: row.count + 1 });
}
console.log(`seconds since start   lowest heap after a mark-compact (MB)   mark-compacts`);
for (const [index, row] of [...windows].sort((a, b) => a[0] - b[0])) {
  console.log(`${`${index * windowS}–${(index + 1) * windowS}`.padEnd(21)} ${row.lowest.toFixed(1).padStart(10)} ${String(row.count).padStart(30)}`);
}
