import type postgres from "postgres";

/**
 * The postgres.js client drizzle is given, with every statement sent as a server-side
 * prepared statement.
 *
 * Drizzle asks postgres.js for a prepared statement only for queries given a name with
 * `.prepare(name)`; everything else goes out unnamed, so PostgreSQL parses, analyses and plans
 * the same text again on every call. A paid order sends about a hundred such statements
 * (locks, inserts, the audit rows, the outbox), most of them a few microseconds of real work
 * behind a parse and a plan. With `prepare: true` postgres.js keeps one prepared statement
 * per query text on each connection (its own cache, dropped with the connection, which it
 * recycles every 30–60 minutes) and sends only Bind and Execute after the first call — less
 * work for PostgreSQL and fewer bytes on the socket.
 *
 * Why it is safe here: every statement the app sends through drizzle is one command with its
 * values as parameters, so the set of texts is bounded by the code, not by the data (a
 * variable-length `in (...)` list adds one text per length). postgres.js re-prepares a
 * statement PostgreSQL no longer knows or whose plan a schema change invalidated. Migrations
 * keep the default (their DDL runs once), see createDatabase.
 *
 * Drizzle's transactions and savepoints run on the client postgres.js hands to `begin` and
 * `savepoint`, so those are wrapped too.
 */
export function preparingEveryStatement(sql: postgres.Sql): postgres.Sql {
  return new Proxy(sql, {
    get(target, property) {
      if (property === "unsafe") {
        return (query: string, params?: postgres.ParameterOrJSON<never>[], options?: postgres.UnsafeQueryOptions) =>
          target.unsafe(query, params, { ...options, prepare: true });
      }
      if (property === "begin" || property === "savepoint") {
        const open = (target as unknown as Record<string, (...args: unknown[]) => unknown>)[property]!;
        return (...args: unknown[]) => {
          const body = args.pop() as (client: postgres.Sql) => unknown;
          return open.call(target, ...args, (client: postgres.Sql) => body(preparingEveryStatement(client)));
        };
      }
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}
