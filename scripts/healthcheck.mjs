/* global process, console, fetch, AbortSignal -- Node globals: this file is plain JavaScript run by node */
/**
 * The container's health check (Dockerfile HEALTHCHECK, compose, the deploy scripts): exit 0
 * when this container's role answers, 1 otherwise. Plain JavaScript so each probe is one short
 * `node` start, without TypeScript's loader.
 * - gateway: GET /api/ready on PORT (200 only while PostgreSQL answers);
 * - web: Next on 127.0.0.1:WEB_PORT answers next-auth's provider list (no database involved);
 * - worker: its /metrics listener on METRICS_PORT (with METRICS_TOKEN when set).
 */
const env = process.env;
const role = env.SHOPFLOW_ROLE ?? "gateway";
const port = Number(env.PORT ?? 3000);

function probe() {
  if (role === "gateway") return { url: `http://127.0.0.1:${port}/api/ready` };
  if (role === "web") return { url: `http://127.0.0.1:${env.WEB_PORT ?? port + 1}/api/auth/providers` };
  if (role === "worker" && env.METRICS_PORT) {
    return { url: `http://127.0.0.1:${env.METRICS_PORT}/metrics`, headers: env.METRICS_TOKEN ? { authorization: `Bearer ${env.METRICS_TOKEN}` } : {} };
  }
  return null;
}

const target = probe();
if (!target) {
  console.error(`healthcheck: nothing to probe for role "${role}" (a worker needs METRICS_PORT)`);
  process.exit(1);
}
try {
  const response = await fetch(target.url, { headers: target.headers, signal: AbortSignal.timeout(4_000) });
  if (!response.ok) console.error(`healthcheck: ${role} answered ${response.status}`);
  process.exit(response.ok ? 0 : 1);
} catch (error) {
  console.error(`healthcheck: ${role} did not answer (${error instanceof Error ? error.message : error})`);
  process.exit(1);
}
