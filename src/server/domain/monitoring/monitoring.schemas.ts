import { z } from "zod";

export const ZMonitoringInput = z.object({
  /** How far back the request figures reach, in minutes. */
  windowMinutes: z.number().int().min(5).max(1_440).default(60),
});
export type MonitoringInput = z.input<typeof ZMonitoringInput>;

export const ZRouteStats = z.object({
  route: z.string(),
  count: z.number().int(),
  perMinute: z.number(),
  clientErrors: z.number().int(),
  serverErrors: z.number().int(),
  /** (4xx + 5xx) / count. */
  errorRate: z.number(),
  /** From the summed latency buckets; null without requests. */
  p95Ms: z.number().nullable(),
  meanMs: z.number(),
});

export const ZMinutePoint = z.object({ minute: z.date(), count: z.number().int(), errors: z.number().int(), p95Ms: z.number().nullable() });

export const ZPoolFigures = z.object({ pool: z.string(), size: z.number(), inUse: z.number(), waiting: z.number() });

export const ZProcessRow = z.object({
  instanceId: z.string(),
  role: z.string(),
  pid: z.number().int(),
  host: z.string(),
  version: z.string(),
  startedAt: z.date(),
  lastBeatAt: z.date(),
  /** alive: beating; gone: silent for more than a few of its intervals. */
  status: z.enum(["alive", "gone"]),
  uptimeSeconds: z.number(),
  rssBytes: z.number(),
  heapUsedBytes: z.number(),
  eventLoopDelayMeanMs: z.number(),
  eventLoopDelayP99Ms: z.number(),
  dbPools: z.array(ZPoolFigures),
  schedulerLeader: z.boolean().nullable(),
});

export const ZTaskHealth = z.object({
  id: z.string(),
  lastStartedAt: z.date().nullable(),
  lastStatus: z.string().nullable(),
  runs: z.number().int(),
  failed: z.number().int(),
  successRate: z.number().nullable(),
});

export const ZMonitoringOutput = z.object({
  now: z.date(),
  windowMinutes: z.number().int(),
  totals: z.object({ count: z.number().int(), perMinute: z.number(), errorRate: z.number(), p95Ms: z.number().nullable() }),
  routes: z.array(ZRouteStats),
  perMinute: z.array(ZMinutePoint),
  processes: z.array(ZProcessRow),
  /** Pools of the live processes, summed by pool name. */
  dbPools: z.array(ZPoolFigures),
  scheduler: z.object({ mode: z.string(), leader: z.object({ instanceId: z.string(), host: z.string(), pid: z.number().int() }).nullable(), tasks: z.array(ZTaskHealth) }),
  /** null when the database did not answer the outbox query. */
  outbox: z.object({ backlog: z.number().int(), oldestAgeSeconds: z.number() }).nullable(),
});
export type MonitoringOutput = z.infer<typeof ZMonitoringOutput>;
export type ProcessRow = z.infer<typeof ZProcessRow>;
