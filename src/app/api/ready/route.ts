import { sql } from "drizzle-orm";
import { getDb } from "@/server/db/client";
import { logger } from "@/server/observability/logger";

export const dynamic = "force-dynamic";

/** Readiness: the database answers. 503 with a reason when it does not. */
export async function GET() {
  const started = performance.now();
  try {
    await getDb().execute(sql`select 1`);
    return Response.json({ status: "ready", database: "ok", latencyMs: Math.round(performance.now() - started) });
  } catch (error) {
    logger.warn({ err: error }, "readiness check failed");
    return Response.json({ status: "unavailable", database: "unreachable" }, { status: 503 });
  }
}
