import { getDb } from "@/server/db/client";
import { PostgresCounterBackend } from "./postgres-backend";
import { RedisCounterBackend } from "./redis-backend";
import { SharedCounters, type SharedCountersOptions } from "./shared-counters";

export * from "./shared-counters";
export { PostgresCounterBackend } from "./postgres-backend";
export { RedisCounterBackend } from "./redis-backend";

/**
 * The counters every limiter of this process uses (API requests, sign-in failures, tracking
 * lookups): in Redis when REDIS_URL is set, else in the app's PostgreSQL. One instance per
 * module copy; several copies or processes still count together through the store.
 */
let shared: SharedCounters | undefined;

export function createSharedCounters(options: SharedCountersOptions & { redisUrl?: string } = {}): SharedCounters {
  const redisUrl = options.redisUrl ?? process.env.REDIS_URL;
  const backend = redisUrl ? new RedisCounterBackend(redisUrl) : new PostgresCounterBackend(getDb);
  return new SharedCounters(backend, options);
}

export function sharedCounters(): SharedCounters {
  return (shared ??= createSharedCounters());
}

/** Writes the process's last hits and closes the store (at shutdown). */
export async function closeSharedCounters(): Promise<void> {
  const closing = shared;
  shared = undefined;
  await closing?.close();
}

export { apiSettings, ZApiSettingsFields, ZUpdateApiSettingsInput, type ApiSettings } from "./api-settings";
