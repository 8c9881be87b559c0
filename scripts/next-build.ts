/**
 * Next's production build and its stamp. `npm run build` (and so CI and the container image)
 * writes `.next/shopflow-build.json`: a hash of what the build is made from, taken before it
 * starts. `npm start` rebuilds when that hash no longer matches the sources (a `git pull` or an
 * edit since the last build), instead of serving a stale build because `.next/BUILD_ID` exists.
 * Content, not mtimes: a checkout or a copy changes mtimes without changing anything built.
 */
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { NEXT_BIN, ROOT, run } from "./lib";

/** What the build is made of: every source under these folders (tests excluded), and these files. */
export const BUILD_INPUTS = { folders: ["src"], files: ["next.config.ts", "package-lock.json", "tsconfig.json", "postcss.config.mjs"] };
const STAMP = ".shopflow-build.json";

function filesUnder(root: string, folder: string): string[] {
  const dir = path.join(root, folder);
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && !/\.test\.tsx?$/.test(entry.name))
    .map((entry) => path.relative(root, path.join(entry.parentPath, entry.name)).split(path.sep).join("/"));
}

/** sha256 over the build's inputs: each path and its content, in a stable order. */
export function sourcesHash(root = ROOT): string {
  const hash = createHash("sha256");
  const files = [...BUILD_INPUTS.folders.flatMap((folder) => filesUnder(root, folder)), ...BUILD_INPUTS.files].sort();
  for (const file of files) {
    const full = path.join(root, file);
    hash.update(`${file}\0`);
    hash.update(fs.existsSync(full) ? fs.readFileSync(full) : "(missing)");
    hash.update("\0");
  }
  return hash.digest("hex");
}

function stampFile(root: string): string {
  return path.join(root, ".next", STAMP);
}

/** Why a build is needed, or null when the last build was made from exactly these sources. */
export function buildNeeded(root = ROOT): string | null {
  if (!fs.existsSync(path.join(root, ".next", "BUILD_ID"))) return "no build yet";
  let stamp: { sources?: string } = {};
  try {
    stamp = JSON.parse(fs.readFileSync(stampFile(root), "utf8")) as { sources?: string };
  } catch {
    return "the build has no stamp";
  }
  return stamp.sources === sourcesHash(root) ? null : "sources changed since the last build";
}

/** Records that the build in .next was made from the sources that hashed to `sources`. */
export function writeBuildStamp(sources: string, root = ROOT): void {
  fs.writeFileSync(stampFile(root), `${JSON.stringify({ sources, builtAt: new Date().toISOString() }, null, 2)}\n`);
}

/** `next build`, then the stamp; the hash is taken first, so an edit during the build still counts as a change. */
export async function buildNext(env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const sources = sourcesHash();
  const code = await run(process.execPath, [NEXT_BIN, "build"], { env: { ...env, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1" } });
  if (code === 0) writeBuildStamp(sources);
  return code;
}
