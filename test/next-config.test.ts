import { afterEach, describe, expect, it, vi } from "vitest";

async function loadConfig() {
  vi.resetModules();
  return (await import("../next.config")).default;
}

describe("next.config", () => {
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it("keeps Next's type check and build cache for every build but the test runner's, which has just run tsc", async () => {
    vi.stubEnv("SHOPFLOW_CI_BUILD", "");
    const plain = await loadConfig();
    expect(plain.typescript?.ignoreBuildErrors).toBe(false);
    expect(plain.experimental?.turbopackFileSystemCacheForBuild).toBe(true);

    vi.stubEnv("SHOPFLOW_CI_BUILD", "1");
    const ci = await loadConfig();
    expect(ci.typescript?.ignoreBuildErrors).toBe(true);
    expect(ci.experimental?.turbopackFileSystemCacheForBuild).toBe(false);
  });
});
