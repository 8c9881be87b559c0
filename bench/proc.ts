import fs from "node:fs";

/** CPU time of process trees from /proc (Linux), in milliseconds of user + system time. */
const TICK_MS = 10; // CLK_TCK is 100 on Linux

type ProcStat = { pid: number; ppid: number; comm: string; cpuMs: number };

function readStats(): ProcStat[] {
  const stats: ProcStat[] = [];
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    let text: string;
    try {
      text = fs.readFileSync(`/proc/${entry}/stat`, "utf8");
    } catch {
      continue; // exited meanwhile
    }
    const close = text.lastIndexOf(")");
    const comm = text.slice(text.indexOf("(") + 1, close);
    const fields = text.slice(close + 2).split(" ");
    // fields[0] is state (field 3); ppid is field 4, utime 14, stime 15.
    stats.push({ pid: Number(entry), ppid: Number(fields[1]), comm, cpuMs: (Number(fields[11]) + Number(fields[12])) * TICK_MS });
  }
  return stats;
}

function descendants(stats: ProcStat[], root: number): ProcStat[] {
  const children = new Map<number, ProcStat[]>();
  for (const s of stats) children.set(s.ppid, [...(children.get(s.ppid) ?? []), s]);
  const out: ProcStat[] = [];
  const walk = (pid: number) => {
    for (const child of children.get(pid) ?? []) {
      out.push(child);
      walk(child.pid);
    }
  };
  const self = stats.find((s) => s.pid === root);
  if (self) out.push(self);
  walk(root);
  return out;
}

/** The pids of a process and all its descendants, right now. */
export function processTree(root: number): number[] {
  return descendants(readStats(), root).map((s) => s.pid);
}

/** CPU ms of the server's process tree, each PostgreSQL process and the load generator, right now. */
export type CpuSample = { serverMs: number; serverMsByPid: Map<number, number>; postgresMsByPid: Map<number, number>; loadMs: number };

export function sampleCpu(serverPid: number, postgresParentPid: number, loadPid?: number): CpuSample {
  const stats = readStats();
  const loadMs = loadPid === undefined ? 0 : (stats.find((s) => s.pid === loadPid)?.cpuMs ?? 0);
  const server = descendants(stats, serverPid);
  const serverMs = server.reduce((sum, s) => sum + s.cpuMs, 0);
  const serverMsByPid = new Map(server.map((s) => [s.pid, s.cpuMs]));
  const postgresMsByPid = new Map(
    descendants(stats, postgresParentPid)
      .filter((s) => s.comm === "postgres")
      .map((s) => [s.pid, s.cpuMs]),
  );
  return { serverMs, serverMsByPid, postgresMsByPid, loadMs };
}

/**
 * CPU ms spent between two samples. PostgreSQL's backends come and go (one per connection),
 * so its time is summed per process that is still there: a backend that exited in between
 * would otherwise take its whole lifetime's CPU off the total.
 */
export function cpuBetween(
  before: CpuSample,
  after: CpuSample,
): { serverMs: number; serverMsByPid: Map<number, number>; postgresMs: number; loadMs: number } {
  let postgresMs = 0;
  for (const [pid, ms] of after.postgresMsByPid) postgresMs += ms - (before.postgresMsByPid.get(pid) ?? 0);
  // Per server process (gateway, Next, worker…), to say which one a page's CPU goes to.
  const serverMsByPid = new Map([...after.serverMsByPid].map(([pid, ms]) => [pid, ms - (before.serverMsByPid.get(pid) ?? 0)]));
  return { serverMs: after.serverMs - before.serverMs, serverMsByPid, postgresMs, loadMs: after.loadMs - before.loadMs };
}
