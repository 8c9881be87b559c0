/**
 * Summarises a V8 .cpuprofile (from `node --cpu-prof`, e.g. BENCH_PROFILE=dir npm run bench):
 * self time by package/module and by function, over the last `--last <s>` seconds of the
 * profile only (default: all), so start-up and warm-up can be left out.
 *
 *   npx tsx bench/profile-summary.ts <file.cpuprofile> [--last 15] [--top 40]
 */
import { loadProfile } from "./cpuprofile";

const args = process.argv.slice(2);
const file = args[0];
if (!file) throw new Error("usage: profile-summary <file.cpuprofile> [--last seconds] [--top n]");
const option = (name: string, fallback: number) => {
  const i = args.indexOf(name);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const lastS = option("--last", Infinity);
const top = option("--top", 40);

const profile = loadProfile(file);
const { byId, parentOf, times } = profile;

/** The bucket a frame's time is charged to: an npm package, a source file of ours, or a V8/Node category. */
function moduleOf(url: string, name: string): string {
  if (!url) return name.startsWith("(") ? name : "(native)";
  const nm = url.lastIndexOf("node_modules/");
  if (nm >= 0) {
    const rest = url.slice(nm + "node_modules/".length).split("/");
    return rest[0]!.startsWith("@") ? `${rest[0]}/${rest[1]}` : rest[0]!;
  }
  if (url.startsWith("node:")) return url;
  const src = url.indexOf("/src/");
  if (src >= 0) return url.slice(src + 1);
  const scripts = url.indexOf("/scripts/");
  if (scripts >= 0) return url.slice(scripts + 1);
  if (url.includes("/.next/")) return `.next/${url.split("/.next/")[1]!.split("/").slice(0, 2).join("/")}`;
  return url;
}

const from = Number.isFinite(lastS) ? profile.endTime - lastS * 1e6 : -Infinity;

const selfByModule = new Map<string, number>();
const selfByFunction = new Map<string, number>();
const inclusiveByModule = new Map<string, number>();
let total = 0;
for (let i = 0; i < profile.samples.length; i++) {
  if (times[i]! < from) continue;
  const dt = (profile.timeDeltas[i + 1] ?? 0) / 1000; // ms until the next sample
  const node = byId.get(profile.samples[i]!)!;
  const { functionName, url, lineNumber } = node.callFrame;
  if (functionName === "(idle)") continue;
  const mod = moduleOf(url, functionName);
  selfByModule.set(mod, (selfByModule.get(mod) ?? 0) + dt);
  const fn = `${functionName || "(anonymous)"} ${mod}:${lineNumber + 1}`;
  selfByFunction.set(fn, (selfByFunction.get(fn) ?? 0) + dt);
  // Inclusive: every module on the stack, once per sample.
  const seen = new Set<string>();
  for (let id: number | undefined = node.id; id !== undefined; id = parentOf.get(id)) {
    const frame = byId.get(id)!.callFrame;
    if (frame.url) seen.add(moduleOf(frame.url, frame.functionName));
  }
  for (const m of seen) inclusiveByModule.set(m, (inclusiveByModule.get(m) ?? 0) + dt);
  total += dt;
}

/** Coarse buckets for the performance notes. */
function categoryOf(mod: string): string {
  if (mod === "drizzle-orm" || mod.startsWith(".next/")) return "drizzle (query building, row mapping)";
  if (/^node:internal\/(deps\/undici|webstreams|abort_controller|worker\/js_transferable|event_target|events\/abort_listener|encoding)/.test(mod)) {
    return "Web Request/Response plumbing";
  }
  if (mod === "@trpc/server") return "tRPC core";
  if (mod === "superjson" || mod === "zod" || mod === "postgres" || mod === "pino") return mod;
  if (mod === "node:async_hooks" || mod === "node:internal/async_hooks") return "async hooks (AsyncLocalStorage)";
  if (/^node:(_http|net|events|buffer|internal\/(stream|streams|buffer|http|url|timers|process))/.test(mod)) return "Node HTTP, net, streams, timers";
  if (mod.startsWith("src/") || mod.startsWith("scripts/")) return "our code";
  if (mod === "(native)") return "native (socket writes, JSON, crypto)";
  if (mod === "(garbage collector)") return "garbage collector";
  return "other";
}
const byCategory = new Map<string, number>();
for (const [mod, ms] of selfByModule) byCategory.set(categoryOf(mod), (byCategory.get(categoryOf(mod)) ?? 0) + ms);

const print = (title: string, map: Map<string, number>) => {
  console.log(`\n${title}`);
  for (const [key, ms] of [...map.entries()].sort((a, b) => b[1] - a[1]).slice(0, top)) {
    console.log(`${((100 * ms) / total).toFixed(1).padStart(5)} %  ${ms.toFixed(0).padStart(7)} ms  ${key}`);
  }
};
console.log(`busy (non-idle) CPU in window: ${total.toFixed(0)} ms`);
print("self time by category", byCategory);
print("self time by module", selfByModule);
print("time with the module anywhere on the stack (inclusive)", inclusiveByModule);
print("self time by function", selfByFunction);
