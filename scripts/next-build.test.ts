import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { buildNeeded, sourcesHash, writeBuildStamp } from "./next-build";

let root: string;

function project(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "shopflow-build-"));
  fs.mkdirSync(path.join(dir, "src", "app"), { recursive: true });
  fs.writeFileSync(path.join(dir, "src", "app", "page.tsx"), "export default function Page() { return null; }\n");
  fs.writeFileSync(path.join(dir, "next.config.ts"), "export default {};\n");
  fs.writeFileSync(path.join(dir, "package-lock.json"), "{}\n");
  return dir;
}

/** What `npm run build` leaves behind: Next's BUILD_ID, then the stamp of the sources it built. */
function build(dir: string) {
  fs.mkdirSync(path.join(dir, ".next"), { recursive: true });
  fs.writeFileSync(path.join(dir, ".next", "BUILD_ID"), "test-build\n");
  writeBuildStamp(sourcesHash(dir), dir);
}

afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

describe("npm start's rebuild check", () => {
  it("builds when there is no build, or a build without a stamp (made before stamps existed)", () => {
    root = project();
    expect(buildNeeded(root)).toBe("no build yet");
    fs.mkdirSync(path.join(root, ".next"));
    fs.writeFileSync(path.join(root, ".next", "BUILD_ID"), "old\n");
    expect(buildNeeded(root)).toBe("the build has no stamp");
  });

  it("keeps a build made from the same sources, whatever their mtimes (a checkout touches every file)", () => {
    root = project();
    build(root);
    expect(buildNeeded(root)).toBeNull();
    const later = new Date(Date.now() + 60_000);
    fs.utimesSync(path.join(root, "src", "app", "page.tsx"), later, later);
    expect(buildNeeded(root)).toBeNull();
    // Tests are not part of the build.
    fs.writeFileSync(path.join(root, "src", "app", "page.test.ts"), "// a test\n");
    expect(buildNeeded(root)).toBeNull();
  });

  it.each([
    ["an edited page", (dir: string) => fs.appendFileSync(path.join(dir, "src", "app", "page.tsx"), "// edited\n")],
    ["a new source file", (dir: string) => fs.writeFileSync(path.join(dir, "src", "app", "layout.tsx"), "export default 1;\n")],
    ["a removed source file", (dir: string) => fs.rmSync(path.join(dir, "src", "app", "page.tsx"))],
    ["a changed next.config.ts", (dir: string) => fs.writeFileSync(path.join(dir, "next.config.ts"), "export default { poweredByHeader: false };\n")],
    ["a changed package-lock.json (dependencies moved)", (dir: string) => fs.writeFileSync(path.join(dir, "package-lock.json"), '{"lockfileVersion":3}\n')],
  ])("rebuilds after %s", (_what, change) => {
    root = project();
    build(root);
    change(root);
    expect(buildNeeded(root)).toBe("sources changed since the last build");
  });
});
