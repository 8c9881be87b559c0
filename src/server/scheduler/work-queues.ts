import { randomUUID } from "node:crypto";
import type postgres from "postgres";
import { logger } from "@/server/observability/logger";
import { WORK_QUEUES, type WorkQueue } from "./sweep";

/**
 * The leading worker's ear on its queues: PostgreSQL LISTEN on the channel the queues' triggers
 * NOTIFY when a row is queued (drizzle/0026_work_queue_wakeups.sql). A notification arrives
 * only once its transaction has committed, so the sweep it wakes finds the row.
 *
 * A notification can be lost: the listener's connection drops (postgres.js reconnects it and
 * listens again; `onListen` then wakes every sweep, for what went by meanwhile), or its
 * reconnect fails for good. A self-addressed ping every `checkEveryMs` notices the latter and
 * listens again; until the ping comes back `listening()` is false, and the woken sweeps poll
 * at their old pace (see woken-sweeps.ts).
 */
export const WORK_QUEUED_CHANNEL = "shopflow_work_queued";

export type WorkQueueListener = {
  /** Whether notifications are known to arrive: LISTEN in place and the last ping seen. */
  listening(): boolean;
  /** Settles once the first LISTEN is in place (or has failed). */
  ready: Promise<void>;
  stop(): Promise<void>;
};

const isQueue = (payload: string): payload is WorkQueue => (WORK_QUEUES as readonly string[]).includes(payload);

export function listenForQueuedWork(
  sql: postgres.Sql,
  {
    onQueued,
    onListen,
    checkEveryMs = 30_000,
  }: {
    onQueued: (queue: WorkQueue) => void;
    /** Each time LISTEN is (re)established: notifications sent before may have been missed. */
    onListen: () => void;
    checkEveryMs?: number;
  },
): WorkQueueListener {
  const pingPrefix = `ping:${randomUUID()}:`;
  let listening: { unlisten: () => Promise<void> } | undefined;
  let connected = false;
  let stopped = false;
  let pingSent = 0;
  let pongSeen = 0;

  const onMessage = (payload: string) => {
    if (payload.startsWith(pingPrefix)) {
      pongSeen = Math.max(pongSeen, Number(payload.slice(pingPrefix.length)));
      return;
    }
    if (isQueue(payload)) onQueued(payload);
  };

  const listen = async () => {
    try {
      listening = await sql.listen(WORK_QUEUED_CHANNEL, onMessage, () => {
        connected = true;
        pongSeen = pingSent;
        if (!stopped) onListen();
      });
    } catch (error) {
      connected = false;
      logger.warn({ err: error }, "not listening for queued work; the woken sweeps poll until it works");
    }
  };

  const ready = listen();

  const check = setInterval(() => {
    if (pingSent > pongSeen && connected) {
      connected = false;
      logger.warn("the queued-work listener stopped hearing its own ping; listening again");
      void Promise.resolve(listening?.unlisten())
        .catch(() => {})
        .then(listen);
    } else if (!connected) void listen();
    pingSent += 1;
    void sql.notify(WORK_QUEUED_CHANNEL, `${pingPrefix}${pingSent}`).catch(() => {});
  }, checkEveryMs);
  check.unref();

  return {
    listening: () => connected && pingSent - pongSeen <= 1,
    ready,
    async stop() {
      stopped = true;
      clearInterval(check);
      connected = false;
      await listening?.unlisten().catch(() => {});
    },
  };
}
