import fs from "node:fs";
import parsePrometheusTextFormat from "parse-prometheus-text-format";
import { processTree } from "./proc";

/**
 * Memory of the server's processes while a scenario runs: the peak resident set of each process
 * (sampled from /proc four times a second), named by its role, and — to say where the memory
 * goes — each role's V8 heap and off-heap figures read from its own /metrics at the end of the
 * load (prom-client's default process and Node metrics).
 */

/** The performance issue's bound on every process under the 100-connection order read. */
export const RSS_TARGET_MB = 300;

export type ProcessMemory = { pid: number; name: string; peakRssMb: number };

/** Where a role's memory is, at one moment, in MB. */
export type MemoryBreakdown = {
  role: string;
  rssMb: number;
  heapUsedMb: number;
  heapTotalMb: number;
  /** Buffers and other memory V8 tracks outside its heap (socket buffers, Buffer pools). */
  externalMb: number;
  /** The rest of the resident set: code, the runtime's own allocations, malloc arenas, stacks. */
  otherMb: number;
  /** The heap's largest spaces (old, new, code…), used MB. */
  spaces: Record<string, number>;
};

const MB = 1024 * 1024;

function rssMb(pid: number): number | undefined {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
    const kb = /VmRSS:\s+(\d+) kB/.exec(status)?.[1];
    return kb === undefined ? undefined : Number(kb) / 1024;
  } catch {
    return undefined; // exited meanwhile
  }
}

/** A person's name for a process of `npm start`'s tree, from its command line. */
export function processName(commandLine: string[]): string {
  const roleAt = commandLine.indexOf("--role");
  if (roleAt >= 0 && commandLine[roleAt + 1]) return `${commandLine[roleAt + 1]} role`;
  // Next renames its server process ("next-server (v16…)"), which rewrites the command line too.
  if (commandLine.some((arg) => arg.endsWith("next") || arg.includes("next/dist") || arg.startsWith("next-server"))) return "Next (next start)";
  if (commandLine.some((arg) => arg.endsWith("start.ts"))) return "supervisor (npm start)";
  if (commandLine.some((arg) => arg.includes("esbuild"))) return "esbuild (tsx's compiler)";
  return commandLine.slice(0, 2).join(" ") || "process";
}

/** The person's name of a running process (see processName). */
export function processNameOf(pid: number): string {
  return processName(commandLine(pid));
}

function commandLine(pid: number): string[] {
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").filter(Boolean);
  } catch {
    return [];
  }
}

/** Samples the resident set of every process under `rootPid` until stopped; returns each one's peak. */
export function watchMemory(rootPid: number, everyMs = 250): { stop: () => ProcessMemory[] } {
  const peaks = new Map<number, number>();
  const sample = () => {
    for (const pid of processTree(rootPid)) {
      const rss = rssMb(pid);
      if (rss !== undefined) peaks.set(pid, Math.max(peaks.get(pid) ?? 0, rss));
    }
  };
  sample();
  const timer = setInterval(sample, everyMs);
  return {
    stop() {
      clearInterval(timer);
      sample();
      return [...peaks]
        .map(([pid, peak]) => ({ pid, name: processName(commandLine(pid)), peakRssMb: peak }))
        .filter((p) => p.name !== "process" || p.peakRssMb > 5)
        .sort((a, b) => b.peakRssMb - a.peakRssMb);
    },
  };
}

/** Reads one role's /metrics (internal addresses may, without a token) into a breakdown. */
export async function memoryBreakdown(role: string, metricsUrl: string): Promise<MemoryBreakdown | undefined> {
  let text: string;
  try {
    const response = await fetch(metricsUrl, { signal: AbortSignal.timeout(5_000) });
    if (!response.ok) return undefined;
    text = await response.text();
  } catch {
    return undefined;
  }
  const families = new Map(parsePrometheusTextFormat(text).map((family) => [family.name, family]));
  const single = (name: string) => Number(families.get(name)?.metrics[0]?.value ?? Number.NaN) / MB;
  const spaces: Record<string, number> = {};
  for (const sample of families.get("nodejs_heap_space_size_used_bytes")?.metrics ?? []) {
    const space = sample.labels?.space;
    if (space) spaces[space] = Number(sample.value) / MB;
  }
  const rss = single("process_resident_memory_bytes");
  const heapTotal = single("nodejs_heap_size_total_bytes");
  const external = single("nodejs_external_memory_bytes");
  return { role, rssMb: rss, heapUsedMb: single("nodejs_heap_size_used_bytes"), heapTotalMb: heapTotal, externalMb: external, otherMb: rss - heapTotal - external, spaces };
}

export function printMemory(scenario: string, processes: ProcessMemory[], breakdowns: MemoryBreakdown[]) {
  const over = processes.filter((p) => p.peakRssMb > RSS_TARGET_MB);
  console.log(`\nmemory during ${scenario} (peak RSS per process; target ≤ ${RSS_TARGET_MB} MB each: ${over.length === 0 ? "met" : `NOT met by ${over.map((p) => p.name).join(", ")}`})`);
  for (const p of processes) console.log(`  ${p.name.padEnd(24)} pid ${String(p.pid).padEnd(8)} ${p.peakRssMb.toFixed(0).padStart(5)} MB`);
  if (breakdowns.length === 0) return;
  console.log("where it goes, at the end of the load (MB): role, RSS = heap (used/total) + external + other; largest heap spaces");
  for (const b of breakdowns) {
    const spaces = Object.entries(b.spaces)
      .sort((x, y) => y[1] - x[1])
      .slice(0, 3)
      .map(([name, mb]) => `${name} ${mb.toFixed(0)}`)
      .join(", ");
    console.log(
      `  ${b.role.padEnd(8)} ${b.rssMb.toFixed(0).padStart(4)} = heap ${b.heapUsedMb.toFixed(0)}/${b.heapTotalMb.toFixed(0)} + external ${b.externalMb.toFixed(0)} + other ${b.otherMb.toFixed(0)}; ${spaces}`,
    );
  }
}
