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

  it("routes every order, tracking, cashier and product id to the one page the gateway's page cache keys it by", async () => {
    const { renderedPageOf } = await import("../src/server/http/hidden-page");
    const rewrites = await (await loadConfig()).rewrites!();
    const languageRewrites = (Array.isArray(rewrites) ? rewrites : rewrites.beforeFiles) ?? [];
    const idRewrites = languageRewrites.filter((rule) => /:(id|orderId)\b/.test(rule.source));
    expect(idRewrites.length).toBeGreaterThanOrEqual(8);
    for (const rule of idRewrites) {
      const id = "7d0c1f5e-2f1a-4c55-9a5e-1f2b3c4d5e6f";
      const path = rule.source.replace(/:(id|orderId)\b/, id);
      const locale = rule.destination.split("/")[1]!;
      expect(rule.destination, rule.source).toBe(`/${locale}${renderedPageOf(path.replace(/^\/(en|zh-CN)(?=\/)/, ""))}`);
    }
  });
});
