import postgres from "postgres";
import { ADVISORY_LOCK_NAMESPACE, ADVISORY_LOCKS, type AdvisoryLockId } from "@/server/db/advisory-lock";
import { logger } from "@/server/observability/logger";

/**
 * Leadership among worker processes with a PostgreSQL session advisory lock: the process whose
 * session holds the lock leads; the others try to take it every `retryMs`. The lock lives on
 * one dedicated connection, so when the leader's process dies — or its connection drops — its
 * session ends and PostgreSQL releases the lock for a follower to take at its next try.
 *
 * The leader also checks every `2 × retryMs` that it still speaks through the session that took
 * the lock: the same backend pid (postgres.js would transparently reconnect a dropped connection,
 * and the new session holds nothing). A session keeps its advisory lock until it ends, so the
 * pid says as much as reading pg_locks, for a fraction of the work on either side. It steps down
 * at once when the connection closes or a check fails or times out. A leader cut off without its
 * socket closing loses the lock on the server side through idle_session_timeout (5 × retryMs,
 * more than a check's interval plus its timeout).
 */
export type LeadershipOptions = {
  databaseUrl: string;
  /** How often a follower tries the lock and a leader checks it still holds it. */
  retryMs?: number;
  /** Called with true when this process starts leading, false when it stops. */
  onLeadershipChange?: (isLeader: boolean) => void;
  /** Shown in pg_stat_activity for the lock's connection, so an operator can see who leads. */
  applicationName?: string;
  lockId?: AdvisoryLockId;
};

export type Leadership = {
  isLeader(): boolean;
  /** Steps down (releasing the lock) and stops trying. */
  stop(): Promise<void>;
};

export const DEFAULT_LEADERSHIP_RETRY_MS = 1_500;

export function startLeadership({
  databaseUrl,
  retryMs = DEFAULT_LEADERSHIP_RETRY_MS,
  onLeadershipChange = () => {},
  applicationName = `shopflow-worker pid=${process.pid}`,
  lockId = ADVISORY_LOCKS.schedulerLeader,
}: LeadershipOptions): Leadership {
  // A check that takes longer than this counts as a lost connection.
  const checkTimeoutMs = Math.max(2 * retryMs, 2_000);
  let client: postgres.Sql | undefined;
  let leader = false;
  /** The backend that took the lock: only it holds the lock. */
  let lockSession: number | undefined;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();

  const setLeader = (value: boolean, reason: string) => {
    if (leader === value) return;
    leader = value;
    if (value) logger.info({ lock: lockId, reason }, "scheduler leadership acquired");
    else if (stopped) logger.info({ lock: lockId, reason }, "scheduler leadership handed back");
    else logger.warn({ lock: lockId, reason }, "scheduler leadership lost");
    onLeadershipChange(value);
  };

  const openClient = () => {
    const created: postgres.Sql = postgres(databaseUrl, {
      max: 1,
      // The lock is the session: never recycle the connection on a timer.
      idle_timeout: 0,
      max_lifetime: null,
      connect_timeout: Math.ceil(checkTimeoutMs / 1000),
      onnotice: () => {},
      connection: {
        application_name: applicationName,
        // A leader that stops checking in (a frozen process, a network partition that leaves
        // the socket open) has its session ended by PostgreSQL, which frees the lock for another.
        idle_session_timeout: Math.max(5 * retryMs, 1_000),
      },
      // Only this client's session can hold the lock: a discarded one closing late changes nothing.
      onclose: () => {
        if (client === created) setLeader(false, "connection closed");
      },
    });
    return created;
  };

  const discardClient = () => {
    const closing = client;
    client = undefined;
    void closing?.end({ timeout: 0 }).catch(() => {});
  };

  const withTimeout = <T>(query: Promise<T>) =>
    new Promise<T>((resolve, reject) => {
      const t = setTimeout(() => reject(new Error(`no answer within ${checkTimeoutMs} ms`)), checkTimeoutMs);
      query.then(resolve, reject).finally(() => clearTimeout(t));
    });

  const tick = async () => {
    client ??= openClient();
    try {
      if (leader) {
        const [row] = await withTimeout(client<{ pid: number }[]>`select pg_backend_pid() as pid`);
        if (row?.pid !== lockSession) setLeader(false, "lock no longer held by this session");
      } else {
        const [row] = await withTimeout(
          client<{ locked: boolean; pid: number }[]>`select pg_try_advisory_lock(${ADVISORY_LOCK_NAMESPACE}, ${lockId}) as locked, pg_backend_pid() as pid`,
        );
        if (row?.locked) {
          if (stopped) await client`select pg_advisory_unlock(${ADVISORY_LOCK_NAMESPACE}, ${lockId})`;
          else {
            lockSession = row.pid;
            setLeader(true, "lock taken");
          }
        }
      }
    } catch (error) {
      if (leader) logger.warn({ err: error }, "scheduler leadership check failed");
      setLeader(false, "check failed");
      discardClient();
    }
  };

  const loop = () => {
    if (stopped) return;
    running = tick().finally(() => {
      // A leader's check is only that its session lives: half as often as a follower's try.
      if (!stopped) timer = setTimeout(loop, leader ? 2 * retryMs : retryMs);
    });
  };
  loop();

  return {
    isLeader: () => leader,
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
      setLeader(false, "stopping");
      // Ending the session releases the lock.
      const closing = client;
      client = undefined;
      await closing?.end({ timeout: 5 }).catch(() => {});
    },
  };
}
