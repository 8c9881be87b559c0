import { z } from "zod";
import { parseAllowList } from "./server/http/outbound-allow-list";

/** An http(s) origin with nothing after it: `https://host[:port]`, optionally with a trailing `/`. */
function isOrigin(value: string): boolean {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  const http = url.protocol === "http:" || url.protocol === "https:";
  return http && url.pathname === "/" && !url.search && !url.hash && !url.username && !url.password && !/[?#]$/.test(value);
}

/**
 * Every environment variable the server reads, validated once.
 * Parsing is lazy so `next build` (which has no runtime secrets) never trips on it;
 * scripts/start.ts calls `loadEnv()` first thing, so a bad variable stops the app at start
 * with a message that names it.
 */
const EnvSchema = z.object({
  NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
  DATABASE_URL: z.url({ message: "must be a postgres:// URL" }).optional(),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  /** Connections for hot single statements (session check, order read), pipelined. */
  DATABASE_STATEMENT_POOL_SIZE: z.coerce.number().int().min(1).max(50).default(2),
  /**
   * `off` sends statements unnamed instead of as server-side prepared statements: for a
   * connection pooler in transaction mode that cannot keep them (PgBouncer before 1.21).
   */
  DATABASE_PREPARED_STATEMENTS: z.enum(["on", "off"]).default("on"),
  /**
   * The directory of PostgreSQL's Unix socket, when the server runs on this machine: the app's
   * pools connect through it (DATABASE_URL still names the user, password, database and port)
   * instead of TCP over the loopback, which costs both sides more per statement. `npm start`
   * sets it for its embedded PostgreSQL.
   */
  DATABASE_SOCKET_DIR: z.string().startsWith("/", "must be an absolute directory, e.g. /var/run/postgresql").optional(),
  NEXTAUTH_SECRET: z.string().min(32, "must be at least 32 characters (openssl rand -base64 32)").optional(),
  /**
   * The public origin (scheme, host, port), where an absolute URL is unavoidable. next-auth
   * reads it; redirects themselves stay relative, so people stay on the host they use.
   */
  NEXTAUTH_URL: z
    .string()
    .refine(isOrigin, "must be the public origin, e.g. https://shop.example.com or http://localhost:3000 (http or https, no path, query or credentials)")
    .optional(),
  /**
   * How many proxies in front of the app append to X-Forwarded-For (0: none, the header is
   * ignored and the client is the TCP peer). See src/server/http/client-address.ts.
   */
  TRUST_PROXY: z.coerce
    .number({ message: "must be the number of trusted proxy hops in front of the app (0 when clients connect directly)" })
    .int("must be a whole number of proxy hops")
    .min(0, "must be 0 or more")
    .max(10, "at most 10 proxy hops")
    .default(0),
  /** The gateway's public port. */
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  /** Where Next (the web role) listens on 127.0.0.1, behind the gateway. Default: PORT + 1. */
  WEB_PORT: z.coerce.number().int().min(1).max(65535).optional(),
  /**
   * The shared rate-limit counters go to this Redis instead of PostgreSQL (src/server/rate-limit).
   * A redis:// or rediss:// URL.
   */
  REDIS_URL: z
    .url({ protocol: /^rediss?$/, message: "must be a redis:// or rediss:// URL, e.g. redis://127.0.0.1:6379" })
    .optional(),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  /** Copy log lines into the log store (app_logs): on by default when a database is configured (src/server/observability/log-store.ts). */
  LOG_STORE: z.enum(["on", "off"]).optional(),
  /** The lowest level the log store keeps (default: LOG_LEVEL), e.g. info in the store while stdout shows warn and above. */
  LOG_STORE_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).optional(),
  /** Where the log store writes, when not DATABASE_URL (a database of its own for logs). */
  LOG_STORE_URL: z.url({ message: "must be a postgres:// URL" }).optional(),
  /** HMAC key shared by the simulated payment gateway and /api/payments/notify. */
  GATEWAY_SECRET: z.string().min(16).optional(),
  /** `auto`: Inngest when a server is configured, else the in-process scheduler. */
  SCHEDULER_MODE: z.enum(["auto", "inngest", "local", "off"]).default("auto"),
  /** How often a worker that does not lead tries to take the scheduler leadership (ms). */
  WORKER_LEADER_RETRY_MS: z.coerce.number().int().min(100, "at least 100 ms").max(60_000, "at most 60000 ms").default(1_500),
  /** Cross-process cache invalidation by LISTEN/NOTIFY: on by default (off in unit tests). */
  CACHE_SYNC: z.enum(["on", "off"]).optional(),
  INNGEST_DEV: z.string().optional(),
  INNGEST_BASE_URL: z.url().optional(),
  INNGEST_SIGNING_KEY: z.string().optional(),
  INNGEST_EVENT_KEY: z.string().optional(),
  /**
   * Exceptions to the rule that webhooks never go to loopback, private, link-local or metadata
   * addresses: a comma list of host[:port], IP[:port] or CIDR entries, for local demos.
   */
  /**
   * Bearer token for GET /metrics (Prometheus). Unset: /metrics answers loopback and private
   * addresses only. See docs/operations.md.
   */
  METRICS_TOKEN: z.string().min(16, "must be at least 16 characters (openssl rand -hex 24)").optional(),
  /** How often every role process writes its heartbeat for Admin → Monitoring (ms). */
  MONITORING_HEARTBEAT_MS: z.coerce.number().int().min(100, "at least 100 ms").max(60_000, "at most 60000 ms").default(5_000),
  /** How often a gateway adds its request statistics to the shared table (ms). */
  MONITORING_FLUSH_MS: z.coerce.number().int().min(100, "at least 100 ms").max(300_000, "at most 300000 ms").default(10_000),
  /** Port of the /metrics listener of the `web` and `worker` roles (the gateway serves /metrics on its own port). */
  METRICS_PORT: z.coerce.number().int().min(1).max(65535).optional(),
  WEBHOOK_ALLOWED_HOSTS: z
    .string()
    .optional()
    .superRefine((value, ctx) => {
      const parsed = parseAllowList(value);
      if (!parsed.ok) ctx.addIssue({ code: "custom", message: `${parsed.errors.join("; ")} (expected host[:port], IP[:port] or CIDR, comma-separated)` });
    }),
}).transform((values) => ({ ...values, WEB_PORT: values.WEB_PORT ?? values.PORT + 1 }));


export type Env = z.infer<typeof EnvSchema>;

let cached: Env | undefined;

export class EnvError extends Error {}

/** Parses process.env; throws an EnvError naming every bad variable. */
export function loadEnv(source: Record<string, string | undefined> = process.env): Env {
  const parsed = EnvSchema.safeParse(source);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join(".")}: ${issue.message}`);
    throw new EnvError(`Invalid environment:\n${lines.join("\n")}`);
  }
  return parsed.data;
}

export function env(): Env {
  cached ??= loadEnv();
  return cached;
}

/** The NextAuth secret; tests and development get a fixed, clearly non-production value. */
export function authSecret(): string {
  const value = env().NEXTAUTH_SECRET;
  if (value) return value;
  if (env().NODE_ENV === "production") {
    throw new EnvError("Invalid environment:\n  NEXTAUTH_SECRET: required in production (scripts/start.ts generates one into .data/)");
  }
  return "development-only-secret-do-not-use-in-production";
}
