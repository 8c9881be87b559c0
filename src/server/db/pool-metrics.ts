import { dbPoolInUse, dbPoolSize, dbPoolWaiting } from "@/server/observability/metrics";
import type { Database } from "./client";

/**
 * Measures a pool where work enters it, because postgres.js exposes no pool counters: a
 * transaction waits for a connection until its callback starts (BEGIN has run on a reserved
 * connection) and holds it until it settles. Costs two gauge updates per transaction.
 */
export function withPoolMetrics(db: Database, pool: string, size: number): Database {
  dbPoolSize.set({ pool }, size);
  dbPoolInUse.inc({ pool }, 0);
  dbPoolWaiting.inc({ pool }, 0);
  const begin = db.transaction.bind(db);
  const transaction: Database["transaction"] = async (work, config) => {
    let holding = false;
    dbPoolWaiting.inc({ pool });
    try {
      return await begin((tx) => {
        holding = true;
        dbPoolWaiting.dec({ pool });
        dbPoolInUse.inc({ pool });
        return work(tx);
      }, config);
    } finally {
      if (holding) dbPoolInUse.dec({ pool });
      else dbPoolWaiting.dec({ pool });
    }
  };
  db.transaction = transaction;
  return db;
}
