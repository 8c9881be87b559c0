import type postgres from "postgres";
import type { Database } from "./client";

/**
 * Statements built once and executed inside any transaction, on that transaction's connection.
 *
 * A drizzle prepared query keeps the postgres.js client it was built on and calls only its
 * `unsafe(text, params, options)` when executed. A transaction runs on a client of its own
 * (the one postgres.js hands to `begin`), so a query built once on the pool would run outside
 * the transaction. Instead, hot statements used inside transactions are built on a drizzle
 * database over a routing client (routingClient) that owns no connection: executing one goes
 * through `TransactionRoute.run`, which hands the transaction's own client to the routing
 * client for exactly the next `unsafe` call. Drizzle's prepared `execute` fills the
 * placeholders and calls `unsafe` synchronously, before its first await, so the hand-over is
 * taken by the statement being executed and by nothing else; a statement that reached
 * `unsafe` without a hand-over (run outside `run`, or a drizzle that calls its driver later)
 * is refused, never sent on some other connection.
 *
 * Which client belongs to which drizzle transaction is recorded as the transaction opens:
 * recordingTransactions notes the client postgres.js hands to `begin` while drizzle's callback
 * runs, and withTransactionRoutes, the innermost wrapper of `db.transaction`, takes that note
 * in the same synchronous call that gives it the drizzle transaction. A transaction opened with
 * options (isolation level, ...) starts its callback after an await, finds no note and gets no
 * route; so does a savepoint (`tx.transaction`). Without a route a statement is built for the
 * transaction per call, as drizzle does.
 */

/** The client the transaction being opened runs on, between `begin` handing it over and drizzle's callback taking the transaction. */
let opening: postgres.Sql | undefined;
/** The transaction client the next routed `unsafe` call runs on. */
let handedOver: postgres.Sql | undefined;

/** Where a transaction's routed statements run, and the database they are built on. */
export type TransactionRoute = { db: Database; run<T>(execute: () => T): T };

const routes = new WeakMap<object, TransactionRoute>();

/** The route of a transaction opened through withTransactionRoutes, if it has one. */
export function transactionRoute(tx: object): TransactionRoute | undefined {
  return routes.get(tx);
}

/** The client drizzle is given, with the client of every transaction it opens noted for withTransactionRoutes. */
export function recordingTransactions(sql: postgres.Sql): postgres.Sql {
  return new Proxy(sql, {
    get(target, property) {
      if (property === "begin") {
        return (...args: unknown[]) => {
          const body = args.pop() as (client: postgres.Sql) => unknown;
          return (target.begin as (...args: unknown[]) => unknown)(...args, (client: postgres.Sql) => {
            opening = client;
            try {
              return body(client);
            } finally {
              opening = undefined;
            }
          });
        };
      }
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}

/**
 * A client for a drizzle database that only builds statements: it sends each statement on the
 * transaction client handed over by TransactionRoute.run, and refuses one without.
 */
export function routingClient(): postgres.Sql {
  const client = {
    // Drizzle sets its date and JSON parsers here when it wraps the client; values are parsed by the transaction's own client.
    options: { parsers: {}, serializers: {} },
    unsafe(query: string, params?: postgres.ParameterOrJSON<never>[], options?: postgres.UnsafeQueryOptions) {
      const target = handedOver;
      handedOver = undefined;
      if (!target) throw new Error("A statement built for transactions was executed outside of one; execute it through prepared(tx, ...)");
      return target.unsafe(query, params, options);
    },
  };
  return client as unknown as postgres.Sql;
}

/**
 * Wraps `db.transaction` (innermost, directly around drizzle's) so each transaction it opens
 * gets a route: statements built on `routing` run on that transaction's client.
 */
export function withTransactionRoutes(db: Database, routing: Database): Database {
  const begin = db.transaction.bind(db);
  const transaction: Database["transaction"] = (work, config) =>
    begin((tx) => {
      const client = opening;
      opening = undefined;
      if (client) routes.set(tx, { db: routing, run: (execute) => runOn(client, execute) });
      return work(tx);
    }, config);
  db.transaction = transaction;
  return db;
}

function runOn<T>(client: postgres.Sql, execute: () => T): T {
  handedOver = client;
  try {
    return execute();
  } finally {
    handedOver = undefined;
  }
}
