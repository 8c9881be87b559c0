/**
 * The production HTTP server `npm start` runs: one Node HTTP server that answers /api/trpc
 * itself (src/server/api/node-handler.ts) and hands every other request to Next's request
 * handler, exactly as `next start` would serve it. Graceful on SIGTERM/SIGINT.
 * Next's pages and route handlers never see the socket, so the client's address (peer, or
 * X-Forwarded-For behind TRUST_PROXY hops) is stamped on each request here first.
 */
import http from "node:http";
import next from "next";
import { loadEnv } from "../src/env";
import { stampClientAddress } from "../src/server/http/client-address";
import { TRPC_PREFIX, createTrpcNodeHandler } from "../src/server/api/node-handler";
import { closeDb } from "../src/server/db/client";
import { ROOT } from "./lib";

const port = Number(process.env.PORT ?? 3000);

async function main() {
  const { TRUST_PROXY } = loadEnv();
  const app = next({ dev: false, dir: ROOT, port, hostname: "localhost" });
  await app.prepare();
  const nextHandler = app.getRequestHandler();
  const trpc = createTrpcNodeHandler();

  const server = http.createServer((req, res) => {
    stampClientAddress(req, TRUST_PROXY);
    if (req.url?.startsWith(TRPC_PREFIX)) return trpc(req, res);
    void nextHandler(req, res);
  });
  server.keepAliveTimeout = 65_000;
  // All interfaces, like `next start` (HOSTNAME is deliberately not read: containers set it).
  server.listen(port, () => console.log(`  ready on port ${port}`));

  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    server.close();
    server.closeIdleConnections();
    void Promise.allSettled([app.close(), closeDb()]).then(() => process.exit(0));
    setTimeout(() => process.exit(0), 5_000).unref();
  };
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
