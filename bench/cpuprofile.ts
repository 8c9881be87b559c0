/** Reading a V8 .cpuprofile (from `node --cpu-prof`), shared by the benchmark's profile tools. */
import fs from "node:fs";

export type ProfileNode = { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] };
type Profile = { nodes: ProfileNode[]; startTime: number; endTime: number; samples: number[]; timeDeltas: number[] };

export type LoadedProfile = Profile & {
  byId: Map<number, ProfileNode>;
  parentOf: Map<number, number>;
  /** Each sample's time on the machine's monotonic clock, µs: startTime plus the deltas so far. */
  times: number[];
};

export function loadProfile(file: string): LoadedProfile {
  const profile = JSON.parse(fs.readFileSync(file, "utf8")) as Profile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parentOf = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parentOf.set(c, n.id);
  const times: number[] = [];
  let t = profile.startTime;
  for (const d of profile.timeDeltas) times.push((t += d));
  return { ...profile, byId, parentOf, times };
}
