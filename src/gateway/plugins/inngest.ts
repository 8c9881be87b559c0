import type { FastifyPluginCallback } from "fastify";
import { serve } from "inngest/fastify";
import { inngest } from "@/server/inngest/client";
import { functions } from "@/server/inngest/functions";
import { schedulerMode, type SchedulerMode } from "@/server/scheduler/mode";

const PATH = "/api/inngest";

/**
 * `/api/inngest`, where an Inngest server registers (PUT) and runs (POST) the durable flows —
 * through Inngest's own Fastify handler, in Inngest mode only. In local mode no Inngest server
 * is configured, so the endpoint says so plainly instead of failing as "cloud mode without a
 * signing key": GET answers 200 with the mode, and PUT/POST 409 (nothing here to register or run).
 */
const inngestEndpoint: FastifyPluginCallback<{ mode?: SchedulerMode }> = (app, options, done) => {
  const mode = options.mode ?? schedulerMode();
  if (mode === "inngest") {
    app.route({ method: ["GET", "POST", "PUT"], url: PATH, handler: serve({ client: inngest, functions }) });
    return done();
  }
  const explanation = {
    mode,
    message:
      mode === "local"
        ? "Inngest is not configured: the worker's in-process scheduler runs the background work. Set INNGEST_DEV or INNGEST_BASE_URL to serve Inngest functions here."
        : "Background work is switched off (SCHEDULER_MODE=off).",
    functionCount: functions.length,
  };
  app.get(PATH, async () => explanation);
  app.route({ method: ["POST", "PUT"], url: PATH, handler: async (_request, reply) => reply.code(409).send({ ...explanation, error: "NOT_IN_INNGEST_MODE" }) });
  done();
};

export default inngestEndpoint;
