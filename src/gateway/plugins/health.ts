import { sql } from "drizzle-orm";
import type { FastifyPluginCallback } from "fastify";
import fp from "fastify-plugin";
import { getDb } from "@/server/db/client";

/**
 * Liveness and readiness for supervisors, load balancers and Playwright's web server wait:
 * `/api/health` never touches the database; `/api/ready` answers 503 while it is unreachable.
 */
const health: FastifyPluginCallback<{ role: string }> = (app, { role }, done) => {
  app.get("/api/health", async () => ({ status: "ok", role, uptimeSeconds: Math.round(process.uptime()) }));
  app.get("/api/ready", async (request, reply) => {
    const started = performance.now();
    try {
      await getDb().execute(sql`select 1`);
      return { status: "ready", database: "ok", latencyMs: Math.round(performance.now() - started) };
    } catch (error) {
      request.log.warn({ err: error }, "readiness check failed");
      return reply.code(503).header("retry-after", "5").send({ status: "unavailable", database: "unreachable" });
    }
  });
  done();
};

export default fp(health, { name: "shopflow-health", fastify: "5.x" });
