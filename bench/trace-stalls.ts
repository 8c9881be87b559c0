/**
 * Lines a response trace (BENCH_TRACE) up with a CPU profile of the server taken in the same
 * run (BENCH_PROFILE) and says what the server was doing during each stall: the 50 ms windows
 * in which the slowest response took longer than `--over` ms.
 *
 *   BENCH_ONLY=order-read BENCH_PROFILE=/tmp/prof BENCH_TRACE=/tmp/trace.csv npm run bench
 *   npx tsx bench/trace-stalls.ts /tmp/trace.csv /tmp/prof/<largest>.cpuprofile [--over 40]
 *
 * Both files carry the machine's monotonic clock (the trace's first line, the profile's sample
 * times), so no guessing is needed. For each stall, over the window and the 100 ms before it
 * (a response finishing late was held up earlier): busy, idle and garbage-collector time, time
 * the profiler itself did not run (gaps between samples: the process was not scheduled), and
 * the functions of ours or of a package on the stack for the longest.
 */
import fs from "node:fs";
import { loadProfile, type ProfileNode } from "./cpuprofile";

const [traceFile, profileFile, ...rest] = process.argv.slice(2);
if (!traceFile || !profileFile) throw new Error("usage: trace-stalls <trace.csv> <file.cpuprofile> [--over ms]");
const overIndex = rest.indexOf("--over");
const overMs = overIndex >= 0 ? Number(rest[overIndex + 1]) : 40;
const WINDOW_MS = 50;
const LOOK_BACK_MS = 100;
/** A gap between two samples longer than this means the process (profiler included) was not running. */
const GAP_US = 4_000;

const [header, ...lines] = fs.readFileSync(traceFile, "utf8").trim().split("\n");
const startMatch = /^# start (\d+) us$/.exec(header ?? "");
if (!startMatch) throw new Error("the trace has no '# start <µs> us' line: record it again with this version of bench/drive.ts");
const traceStartUs = Number(startMatch[1]);
const responses = lines.map((line) => line.split(",").map(Number) as [number, number]);

// Stall windows: 50 ms buckets of finish times whose slowest response exceeded --over.
const windows = new Map<number, { count: number; maxMs: number }>();
for (const [finishedMs, latencyMs] of responses) {
  const key = Math.floor(finishedMs / WINDOW_MS);
  const w = windows.get(key) ?? { count: 0, maxMs: 0 };
  w.count++;
  w.maxMs = Math.max(w.maxMs, latencyMs);
  windows.set(key, w);
}
const typicalCount = [...windows.values()].map((w) => w.count).sort((a, b) => a - b)[Math.floor(windows.size / 2)] ?? 0;

const profile = loadProfile(profileFile);
const { byId, parentOf, times } = profile;
if (traceStartUs < profile.startTime || traceStartUs > profile.endTime) {
  throw new Error("the trace's window does not fall inside the profile: record both in the same run (BENCH_TRACE and BENCH_PROFILE together)");
}

/** "name file:line" for frames of ours or of a package; null for Node internals and V8. */
function frameLabel(node: ProfileNode): string | null {
  const { functionName, url, lineNumber } = node.callFrame;
  if (!url || url.startsWith("node:")) return null;
  const nm = url.lastIndexOf("node_modules/");
  const where = nm >= 0 ? url.slice(nm + "node_modules/".length).split("/").slice(0, 2).join("/") : url.replace(/^.*?\/(src|scripts|\.next)\//, "$1/");
  return `${functionName || "(anonymous)"} ${where}:${lineNumber + 1}`;
}

function describe(fromUs: number, toUs: number) {
  let busy = 0;
  let idle = 0;
  let gc = 0;
  let unscheduled = 0;
  const onStack = new Map<string, number>();
  for (let i = 0; i < profile.samples.length; i++) {
    const at = times[i]!;
    if (at < fromUs || at >= toUs) continue;
    const dt = profile.timeDeltas[i + 1] ?? 0;
    if (dt > GAP_US) unscheduled += dt;
    const node = byId.get(profile.samples[i]!)!;
    const name = node.callFrame.functionName;
    if (name === "(idle)") {
      idle += dt;
      continue;
    }
    busy += dt;
    if (name === "(garbage collector)") gc += dt;
    const labels = new Set<string>();
    for (let id: number | undefined = node.id; id !== undefined; id = parentOf.get(id)) {
      const label = frameLabel(byId.get(id)!);
      if (label) labels.add(label);
    }
    for (const label of labels) onStack.set(label, (onStack.get(label) ?? 0) + dt);
  }
  const ms = (us: number) => `${(us / 1000).toFixed(0)} ms`;
  const top = [...onStack].sort((a, b) => b[1] - a[1]).slice(0, 6);
  return { summary: `busy ${ms(busy)}, idle ${ms(idle)}, GC ${ms(gc)}, not scheduled ${ms(unscheduled)}`, top: top.map(([label, us]) => `${ms(us).padStart(7)}  ${label}`) };
}

const stalls = [...windows].filter(([, w]) => w.maxMs > overMs).sort((a, b) => a[0] - b[0]);
console.log(`${responses.length} responses, ${windows.size} windows of ${WINDOW_MS} ms (typically ${typicalCount} responses each); ${stalls.length} with a response over ${overMs} ms`);
for (const [key, w] of stalls) {
  const endUs = traceStartUs + (key + 1) * WINDOW_MS * 1000;
  const startUs = endUs - (WINDOW_MS + LOOK_BACK_MS) * 1000;
  const { summary, top } = describe(startUs, endUs);
  console.log(`\n${((key * WINDOW_MS) / 1000).toFixed(2)} s: ${w.count} responses, slowest ${w.maxMs.toFixed(0)} ms — server over the 150 ms to its end: ${summary}`);
  for (const line of top) console.log(`  ${line}`);
}
