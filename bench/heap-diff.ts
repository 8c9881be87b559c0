/**
 * Compares two V8 heap snapshots (from `node --heapsnapshot-signal=SIGUSR2`, e.g. Next's under
 * BENCH_WEB_FLAGS): objects by constructor, count and self size, largest growth first; then, for
 * the constructors that grew most, the path from the roots that retains a sample of the new ones.
 *
 *   npx tsx bench/heap-diff.ts [before.heapsnapshot] <after.heapsnapshot> [--top 30] [--paths 3]
 *     [--key object:ServerResponse] [--id 123] [--roots object:ServerResponse --steps 4]
 *
 * --key explains that constructor instead of the largest growth, --id one object, --roots counts
 * where the paths of all objects of a constructor start. With one snapshot, "before" is empty.
 * Snapshots of a 200 MB heap are large JSON files: run it with a large heap
 * (`node --max-old-space-size=4096 --import tsx bench/heap-diff.ts ...`).
 */
import fs from "node:fs";

type Snapshot = {
  snapshot: { meta: { node_fields: string[]; node_types: [string[], ...unknown[]]; edge_fields: string[]; edge_types: [string[], ...unknown[]] } };
  nodes: number[];
  edges: number[];
  strings: string[];
};

/** A parsed snapshot with what the summary needs: per-node key, self size, id, and edges. */
type Heap = {
  count: number;
  key: (i: number) => string;
  selfSize: (i: number) => number;
  id: (i: number) => number;
  edgesOf: (i: number) => { type: string; name: string; to: number }[];
  /**
   * Each node's parent on a shortest path from the roots over edges that hold, and the edge's
   * name; -1 for a node nothing reaches (a snapshot may also hold garbage).
   */
  parent: Int32Array;
  via: string[];
};

/** A WeakMap entry's edge ("... part of key (Object @12) -> value ..."): the key's node id, else undefined. */
function weakMapKeyOf(edgeName: string): number | undefined {
  const match = /part of key \(.*?@(\d+)\) -> value/.exec(edgeName);
  return match ? Number(match[1]) : undefined;
}

function load(file: string): Heap {
  const raw = JSON.parse(fs.readFileSync(file, "utf8")) as Snapshot;
  const { node_fields, node_types, edge_fields, edge_types } = raw.snapshot.meta;
  const nf = node_fields.length;
  const ef = edge_fields.length;
  const [typeAt, nameAt, idAt, sizeAt, edgeCountAt] = ["type", "name", "id", "self_size", "edge_count"].map((f) => node_fields.indexOf(f)) as number[];
  const [eTypeAt, eNameAt, eToAt] = ["type", "name_or_index", "to_node"].map((f) => edge_fields.indexOf(f)) as number[];
  const nodeTypes = node_types[0];
  const edgeTypes = edge_types[0];
  const count = raw.nodes.length / nf;
  const firstEdge = new Uint32Array(count + 1);
  for (let i = 0; i < count; i++) firstEdge[i + 1] = firstEdge[i]! + raw.nodes[i * nf + edgeCountAt!]!;
  const heap: Heap = {
    count,
    parent: new Int32Array(count).fill(-1),
    via: new Array<string>(count),
    key(i) {
      const type = nodeTypes[raw.nodes[i * nf + typeAt!]!]!;
      const name = raw.strings[raw.nodes[i * nf + nameAt!]!]!;
      // Objects by constructor; strings, code and arrays by their type (their names are contents).
      if (type === "object" || type === "closure" || type === "native") return `${type}:${name}`;
      if (type === "array" || type === "hidden") return `${type}:${name.slice(0, 40)}`;
      return `(${type})`;
    },
    selfSize: (i) => raw.nodes[i * nf + sizeAt!]!,
    id: (i) => raw.nodes[i * nf + idAt!]!,
    edgesOf(i) {
      const out = [];
      for (let e = firstEdge[i]!; e < firstEdge[i + 1]!; e++) {
        const type = edgeTypes[raw.edges[e * ef + eTypeAt!]!]!;
        const nameOrIndex = raw.edges[e * ef + eNameAt!]!;
        const name = type === "element" || type === "hidden" ? `[${nameOrIndex}]` : raw.strings[nameOrIndex]!;
        out.push({ type, name, to: raw.edges[e * ef + eToAt!]! / nf });
      }
      return out;
    },
  };
  // What the roots reach over edges that hold: not weak ones, and a WeakMap's table → value edge
  // only once the key is reached some other way (V8 also writes the pair as an edge from the key,
  // which is ignored: it holds only while the table lives).
  const indexOfId = new Map<number, number>();
  for (let i = 0; i < count; i++) indexOfId.set(heap.id(i), i);
  const waitingForKey = new Map<number, { from: number; to: number; name: string }[]>();
  const queue = [0];
  heap.parent[0] = 0;
  const reach = (from: number, to: number, name: string) => {
    if (heap.parent[to] !== -1) return;
    heap.parent[to] = from;
    heap.via[to] = name;
    queue.push(to);
  };
  for (let q = 0; q < queue.length; q++) {
    const from = queue[q]!;
    for (const entry of waitingForKey.get(from) ?? []) reach(entry.from, entry.to, entry.name);
    waitingForKey.delete(from);
    for (const edge of heap.edgesOf(from)) {
      if (edge.type === "weak") continue;
      const keyId = weakMapKeyOf(edge.name);
      const key = keyId === undefined ? undefined : indexOfId.get(keyId);
      if (key === from) continue;
      if (key === undefined || heap.parent[key] !== -1) reach(from, edge.to, edge.name);
      else waitingForKey.set(key, [...(waitingForKey.get(key) ?? []), { from, to: edge.to, name: edge.name }]);
    }
  }
  return heap;
}

function summarise(heap: Heap): Map<string, { count: number; size: number }> {
  const byKey = new Map<string, { count: number; size: number }>();
  for (let i = 0; i < heap.count; i++) {
    if (heap.parent[i] === -1) continue;
    const k = heap.key(i);
    const row = byKey.get(k) ?? { count: 0, size: 0 };
    row.count++;
    row.size += heap.selfSize(i);
    byKey.set(k, row);
  }
  return byKey;
}

/** The shortest path from the root (node 0) to `target`, as "key ← .edge" steps from the target up. */
function retainingPath(heap: Heap, target: number): string[] {
  const { parent, via } = heap;
  if (parent[target] === -1) return ["(unreachable)"];
  const steps = [];
  for (let n = target; n !== 0; n = parent[n]!) steps.push(`${heap.key(n)} ← .${via[n]}`);
  return steps;
}

const args = process.argv.slice(2);
const option = (name: string, fallback: number) => {
  const i = args.indexOf(name);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const files = args.filter((a, i) => !a.startsWith("--") && !args[i - 1]?.startsWith("--"));
if (files.length === 0) throw new Error("usage: heap-diff [before.heapsnapshot] <after.heapsnapshot> [--top n] [--paths n]");
// With one file, "before" is empty: the summary is then of the one snapshot.
const [beforeFile, afterFile] = files.length === 1 ? [undefined, files[0]!] : [files[0]!, files[1]!];
const top = option("--top", 30);
const paths = option("--paths", 3);

const beforeSummary = new Map<string, { count: number; size: number }>();
const beforeIds = new Set<number>();
if (beforeFile) {
  const before = load(beforeFile);
  for (const [key, row] of summarise(before)) beforeSummary.set(key, row);
  for (let i = 0; i < before.count; i++) beforeIds.add(before.id(i));
}
const after = load(afterFile);
const afterSummary = summarise(after);

const rows = [...afterSummary].map(([key, a]) => {
  const b = beforeSummary.get(key) ?? { count: 0, size: 0 };
  return { key, count: a.count - b.count, size: a.size - b.size, total: a.size };
});
rows.sort((x, y) => y.size - x.size);
const mb = (bytes: number) => (bytes / 1e6).toFixed(2);
console.log(`${"constructor".padEnd(60)} ${"Δcount".padStart(9)} ${"ΔMB".padStart(8)} ${"MB after".padStart(9)}`);
for (const r of rows.slice(0, top)) console.log(`${r.key.slice(0, 60).padEnd(60)} ${String(r.count).padStart(9)} ${mb(r.size).padStart(8)} ${mb(r.total).padStart(9)}`);

// For the object constructors that grew most: why a few of the objects born after the first snapshot are alive.
// --key <constructor key> (e.g. object:ServerResponse) names the one to explain instead.
const keyIndex = args.indexOf("--key");
const explain = keyIndex >= 0 ? rows.filter((row) => row.key === args[keyIndex + 1]) : rows.filter((row) => row.key.startsWith("object:") && row.count > 0).slice(0, paths);
for (const r of explain) {
  const fresh = [];
  for (let i = 0; i < after.count && fresh.length < 4; i++) if (after.parent[i] !== -1 && after.key(i) === r.key && !beforeIds.has(after.id(i))) fresh.push(i);
  console.log(`\n${r.key} (+${r.count}): retained by`);
  for (const i of fresh) console.log(`  ${retainingPath(after, i).slice(0, 40).join("\n    ")}\n`);
}

// --id <node id> (an "@123" from a path above): the path that retains that one object.
const idIndex = args.indexOf("--id");
if (idIndex >= 0) {
  const wanted = Number(args[idIndex + 1]);
  for (let i = 0; i < after.count; i++) {
    if (after.id(i) !== wanted) continue;
    console.log(`\n@${wanted} ${after.key(i)}: retained by`);
    console.log(`  ${retainingPath(after, i).slice(0, 30).join("\n    ")}`);
  }
}

// --roots <constructor key>: where the retaining paths of all its live objects start (the --steps
// steps nearest the roots, default 4), counted — one long-lived holder shows up as one large row.
const rootsIndex = args.indexOf("--roots");
if (rootsIndex >= 0) {
  const wanted = args[rootsIndex + 1];
  const starts = new Map<string, number>();
  for (let i = 0; i < after.count; i++) {
    if (after.parent[i] === -1 || after.key(i) !== wanted) continue;
    const start = retainingPath(after, i).slice(-option("--steps", 4)).reverse().join("  →  ");
    starts.set(start, (starts.get(start) ?? 0) + 1);
  }
  console.log(`\n${wanted}: where the retaining paths start`);
  for (const [start, n] of [...starts].sort((a, b) => b[1] - a[1]).slice(0, 20)) console.log(`${String(n).padStart(7)}  ${start}`);
}
