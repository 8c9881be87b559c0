import http from "node:http";
import type { AddressInfo } from "node:net";
import { logger } from "./logger";
import { carriesForwardingHeaders, mayReadMetrics } from "./metrics-access";
import { renderMetrics, setMetricsRole, type MetricsRole } from "./metrics";

export type MetricsServer = { port: number; close: () => Promise<void> };

/**
 * Serves GET /metrics (and nothing else) on its own port, for the roles that have no gateway
 * in front of them: `web` (Next) and `worker`. Same access rule as the gateway's /metrics
 * (METRICS_TOKEN, else internal addresses); everything else is a 404. Sets the process's
 * metrics role. `port` 0 picks a free port (tests); `host` defaults to all interfaces.
 */
export async function startMetricsServer({ port, role, host, token }: { port: number; role: MetricsRole; host?: string; token?: string }): Promise<MetricsServer> {
  setMetricsRole(role);
  const server = http.createServer((request, response) => {
    const path = (request.url ?? "").split("?")[0];
    const allowed =
      request.method === "GET" &&
      path === "/metrics" &&
      mayReadMetrics({ ip: request.socket.remoteAddress, authorization: request.headers.authorization, viaUntrustedProxy: carriesForwardingHeaders(request.headers) }, token);
    if (!allowed) {
      response.writeHead(404, { "content-type": "text/plain; charset=utf-8" }).end("Not Found");
      return;
    }
    renderMetrics().then(
      ({ contentType, body }) => response.writeHead(200, { "content-type": contentType, "cache-control": "no-store" }).end(body),
      (error: unknown) => {
        logger.error({ err: error }, "metrics: rendering failed");
        response.writeHead(500, { "content-type": "text/plain; charset=utf-8" }).end("metrics unavailable");
      },
    );
  });
  // A stuck scraper must not hold a socket forever.
  server.requestTimeout = 10_000;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  return {
    port: (server.address() as AddressInfo).port,
    close: () => new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}
