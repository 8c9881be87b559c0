import { vi } from "vitest";
import { PgDialect } from "drizzle-orm/pg-core";
import type postgres from "postgres";
import { getDb, statementDbFor, type Database } from "../src/server/db/client";
import { getGatewayDb } from "../src/server/domain/payment";

/**
 * Statements that belong to no step: the rate limiter's timed flush, postgres.js's one-time
 * array-type lookup on a new connection, and the loads of the process caches (settings,
 * whether any webhook endpoint is enabled, the carriers checkout quotes from), whose expiry a
 * step on a loaded machine can cross. A test whose step reads carriers itself passes its own.
 */
export const UNRELATED_STATEMENTS =
  /rate_limit_counters|pg_catalog\.pg_type|from "app_settings"|from "webhook_endpoints" where "webhook_endpoints"\."enabled"|from "carriers"|from "carrier_service_levels"|from "carrier_fee_rules"/;

export type StatementCount<T> = {
  result: T;
  /** Statements the shop's two pools sent (transactions and the hot single statements, see statementDbFor), BEGIN and COMMIT included. */
  shop: number;
  /** Statements the simulated payment gateway's own pool sent. */
  gateway: number;
  /** The shop's round trips: statements issued in the same turn of the event loop count as one. */
  shopTrips: number;
  /** Statements drizzle rendered for this step rather than executed from a build kept (src/server/db/prepared.ts). */
  builds: string[];
  texts: string[];
};

const oneLine = (text: string) => text.replace(/\s+/g, " ").slice(0, 160);

/**
 * Counts the statements each pool sends while `work` runs, and the statements drizzle builds.
 * postgres.js calls `options.debug` once per statement it writes, and gathers what a connection
 * is given in one turn of the event loop into one socket write (flushed by setImmediate). Every
 * statement drizzle renders goes through its dialect's sqlToQuery.
 */
export async function countStatements<T>(work: () => Promise<T>, { unrelated = UNRELATED_STATEMENTS } = {}): Promise<StatementCount<T>> {
  const pools: ["shop" | "gateway", postgres.Sql][] = [
    ["shop", getDb().$client],
    ["shop", (statementDbFor(getDb()) as Database).$client],
    ["gateway", getGatewayDb().$client],
  ];
  const counts = { shop: 0, gateway: 0, shopTrips: 0 };
  const texts: string[] = [];
  let turnCounted = false;
  for (const [name, client] of pools) {
    (client.options as { debug?: unknown }).debug = (_connection: number, text: string) => {
      if (unrelated.test(text)) return;
      counts[name] += 1;
      if (name === "shop" && !turnCounted) {
        counts.shopTrips += 1;
        turnCounted = true;
        setImmediate(() => (turnCounted = false));
      }
      texts.push(`${name}: ${oneLine(text)}`);
    };
  }
  const builds: string[] = [];
  const render = PgDialect.prototype.sqlToQuery;
  const spy = vi.spyOn(PgDialect.prototype, "sqlToQuery").mockImplementation(function (this: PgDialect, ...args: Parameters<PgDialect["sqlToQuery"]>) {
    const query = render.apply(this, args);
    if (!unrelated.test(query.sql)) builds.push(oneLine(query.sql));
    return query;
  });
  try {
    const result = await work();
    return { result, ...counts, builds, texts };
  } finally {
    spy.mockRestore();
    for (const [, client] of pools) delete (client.options as { debug?: unknown }).debug;
  }
}
