import type postgres from "postgres";

/**
 * PostgreSQL advisory locks the app takes, as (namespace, id) pairs: the two-key form keeps
 * them apart from any other application sharing the database, and an operator can find them
 * in pg_locks (locktype 'advisory', classid = namespace, objid = id, objsubid = 2).
 */
export const ADVISORY_LOCK_NAMESPACE = 0x73686f70; // "shop"
export const ADVISORY_LOCKS = {
  /** Held by the one worker that runs the scheduled sweeps (src/worker/leadership.ts). */
  schedulerLeader: 1,
  /** Held while migrations are applied, so simultaneous starts migrate once. */
  migrations: 2,
  /** Held while demo data is seeded, so simultaneous seeds never insert a row twice. */
  seed: 3,
} as const;
export type AdvisoryLockId = (typeof ADVISORY_LOCKS)[keyof typeof ADVISORY_LOCKS];

/**
 * Runs `work` while holding the session advisory lock `id`, waiting for it when another
 * session holds it. The lock lives on a connection reserved from `sql` for the duration, so
 * `sql` needs at least one more connection for `work` itself. If this process dies, its
 * session ends and PostgreSQL releases the lock.
 */
export async function withAdvisoryLock<T>(sql: postgres.Sql, id: AdvisoryLockId, work: () => Promise<T>): Promise<T> {
  const holder = await sql.reserve();
  try {
    await holder`select pg_advisory_lock(${ADVISORY_LOCK_NAMESPACE}, ${id})`;
    try {
      return await work();
    } finally {
      await holder`select pg_advisory_unlock(${ADVISORY_LOCK_NAMESPACE}, ${id})`;
    }
  } finally {
    holder.release();
  }
}
