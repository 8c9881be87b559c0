import { randomUUID } from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import { getDb, getSql } from "@/server/db/client";
import { outboxEvents } from "@/server/db/schema";
import { nextOutboxEventDueAt, relayOutbox, type DomainEvent } from "@/server/events";
import { withLifecycleDatabase } from "../../../test/lifecycle-fixtures";
import type { Sweep } from "./sweep";
import { startWokenSweeps, type WokenSweeps } from "./woken-sweeps";

withLifecycleDatabase();

const TEN_MINUTES = 10 * 60_000;

/**
 * An outbox relay as the scheduler runs it, delivering to a recorder: `delivered(id)` settles
 * when the event with that id has been handed over. Its runs are counted, with whether each
 * began after the listener was in place.
 */
function recordingRelay() {
  const waiting = new Map<string, () => void>();
  const seen = new Set<string>();
  const deliver = async (events: DomainEvent[]) => {
    for (const event of events) {
      seen.add(event.id);
      waiting.get(event.id)?.();
    }
    return { failed: [] };
  };
  const sweep: Sweep = {
    id: `test-relay-${randomUUID()}`,
    description: "test relay",
    cron: "0 0 * * * *",
    run: async ({ db, now }) => relayOutbox(db, { deliver, now }),
    wake: { queue: "outbox", nextDueAt: ({ db, now }) => nextOutboxEventDueAt(db, { now }) },
  };
  const delivered = (id: string) => new Promise<void>((resolve) => (seen.has(id) ? resolve() : waiting.set(id, resolve)));
  return { sweep, delivered };
}

/**
 * Starts the woken sweeps and resolves once the relay, listening, has nothing left to do: a run
 * that began after LISTEN was in place has been followed by a wait of the full poll interval.
 * From then on only a notification, a due time or the poll runs it again.
 */
async function start(sweep: Sweep, { safetyPollMs, fallbackPollMs = TEN_MINUTES }: { safetyPollMs: number; fallbackPollMs?: number }) {
  let listening = false;
  let idle!: () => void;
  const idleAfterListen = new Promise<void>((resolve) => (idle = resolve));
  const startedAfterListen = new Set<number>();
  let runs = 0;
  const woken = startWokenSweeps({
    db: getDb,
    sql: getSql,
    sweeps: [sweep],
    safetyPollMs,
    fallbackPollMs,
    runOnce: async (s) => {
      if (listening) startedAfterListen.add(runs);
      runs += 1;
      return s.run({ db: getDb(), now: new Date() });
    },
    onScheduled: (_s, delayMs) => {
      if (startedAfterListen.has(runs - 1) && delayMs === safetyPollMs) idle();
    },
  });
  running = woken;
  await woken.ready;
  listening = true;
  await idleAfterListen;
  return woken;
}

let running: WokenSweeps | undefined;
afterEach(async () => {
  await running?.stop();
  running = undefined;
});

const insertEvent = async ({ notify = true, dueInMs = 0 }: { notify?: boolean; dueInMs?: number } = {}) =>
  getDb().transaction(async (tx) => {
    // Without the queue's trigger (as a notification lost on its way would leave it).
    if (!notify) await tx.execute("set local session_replication_role = replica");
    const [row] = await tx
      .insert(outboxEvents)
      .values({ name: "shop/order.paid", data: {}, nextAttemptAt: new Date(Date.now() + dueInMs) })
      .returning({ id: outboxEvents.id });
    return row!.id;
  });

describe("woken sweeps", () => {
  it("an outbox event that commits wakes the relay at once, with its safety poll and fallback ten minutes away", async () => {
    const { sweep, delivered } = recordingRelay();
    await start(sweep, { safetyPollMs: TEN_MINUTES });
    const id = await insertEvent();
    // Nothing but the notification can run the relay within the test's timeout.
    await delivered(id);
  }, 20_000);

  it("an event whose attempt lies ahead is relayed when it falls due, without a poll", async () => {
    const { sweep, delivered } = recordingRelay();
    await start(sweep, { safetyPollMs: TEN_MINUTES });
    const insertedAt = Date.now();
    // Its notification wakes the relay, which finds it not yet due and sets a timer for it.
    const id = await insertEvent({ dueInMs: 1_500 });
    await delivered(id);
    expect(Date.now() - insertedAt).toBeGreaterThanOrEqual(1_400);
  }, 20_000);

  it("an event whose notification was lost is relayed by the safety poll", async () => {
    const { sweep, delivered } = recordingRelay();
    await start(sweep, { safetyPollMs: 500 });
    const id = await insertEvent({ notify: false });
    // No notification, and the relay had found nothing queued: only the poll can find it.
    await delivered(id);
  }, 20_000);
});
