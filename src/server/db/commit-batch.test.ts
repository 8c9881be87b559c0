import { randomUUID } from "node:crypto";
import { and, asc, eq, sql } from "drizzle-orm";
import { PgDialect } from "drizzle-orm/pg-core";
import { describe, expect, it, vi } from "vitest";
import { getDb } from "@/server/db/client";
import { orderStatusLog, outboxEvents, paymentLog } from "@/server/db/schema";
import { transitionOrder } from "@/server/domain/order";
import { appendPaymentLog } from "@/server/domain/payment";
import { createPendingOrder } from "../../../test/fixtures";

const logRows = (marker: string) =>
  getDb()
    .select()
    .from(paymentLog)
    .where(sql`${paymentLog.data}->>'marker' = ${marker}`)
    .orderBy(asc(paymentLog.id));

/** Counts the statements the process pool sends while `work` runs (postgres.js calls `debug` once per statement). */
async function statementsDuring(work: () => Promise<unknown>): Promise<string[]> {
  const options = getDb().$client.options as { debug?: unknown };
  const texts: string[] = [];
  options.debug = (_connection: number, text: string) => texts.push(text);
  try {
    await work();
  } finally {
    delete options.debug;
  }
  return texts;
}

describe("audit rows and events written just before the commit", () => {
  it("writes every queued row of every table in one statement, in the order queued", async () => {
    const { order, shopper } = await createPendingOrder();
    const marker = randomUUID();
    const statements = await statementsDuring(() =>
      getDb().transaction(async (tx) => {
        for (const step of ["first", "second", "third"]) {
          await appendPaymentLog(tx, { kind: "gateway_request", by: { actor: "system" }, orderId: order.id, message: step, data: { marker } });
        }
        await transitionOrder(tx, { orderId: order.id, to: "cancelled", by: { actor: "system" } });
        // Not there until the commit: the batch is sent after the transaction's work.
        expect(await tx.select().from(paymentLog).where(sql`${paymentLog.data}->>'marker' = ${marker}`)).toEqual([]);
      }),
    );
    expect((await logRows(marker)).map((r) => r.message)).toEqual(["first", "second", "third"]);
    const statusLog = await getDb().select().from(orderStatusLog).where(eq(orderStatusLog.orderId, order.id)).orderBy(asc(orderStatusLog.id));
    expect(statusLog.map((r) => r.toStatus)).toEqual(["pending_payment", "cancelled"]);
    const events = await getDb()
      .select()
      .from(outboxEvents)
      .where(and(eq(outboxEvents.orderId, order.id), eq(outboxEvents.name, "shop/order.status-changed")));
    expect(events).toMatchObject([{ data: { orderId: order.id, userId: shopper.user.id, from: "pending_payment", to: "cancelled" } }]);
    // Three log rows, a status-log row and an event: one insert statement.
    expect(statements.filter((text) => /insert into/i.test(text))).toHaveLength(1);
  });

  it("a transaction that fails after queuing rows writes none of them", async () => {
    const { order } = await createPendingOrder();
    const marker = randomUUID();
    await expect(
      getDb().transaction(async (tx) => {
        await appendPaymentLog(tx, { kind: "gateway_request", by: { actor: "system" }, orderId: order.id, data: { marker } });
        await transitionOrder(tx, { orderId: order.id, to: "cancelled", by: { actor: "system" } });
        throw new Error("rolled back");
      }),
    ).rejects.toThrow("rolled back");
    expect(await logRows(marker)).toEqual([]);
    const statusLog = await getDb().select().from(orderStatusLog).where(eq(orderStatusLog.orderId, order.id));
    expect(statusLog.map((r) => r.toStatus)).toEqual(["pending_payment"]);
  });

  it("outside a transaction, and inside a savepoint, a row is written at once", async () => {
    const marker = randomUUID();
    await appendPaymentLog(getDb(), { kind: "gateway_request", by: { actor: "system" }, message: "alone", data: { marker } });
    expect((await logRows(marker)).map((r) => r.message)).toEqual(["alone"]);
    await getDb().transaction(async (tx) => {
      await tx
        .transaction(async (savepoint) => {
          await appendPaymentLog(savepoint, { kind: "gateway_request", by: { actor: "system" }, message: "rolled back with its savepoint", data: { marker } });
          throw new Error("savepoint rolled back");
        })
        .catch(() => undefined);
      await appendPaymentLog(tx, { kind: "gateway_request", by: { actor: "system" }, message: "kept", data: { marker } });
    });
    expect((await logRows(marker)).map((r) => r.message)).toEqual(["alone", "kept"]);
  });

  it("builds the batch once per shape: a later transaction of that shape renders nothing and writes its own values", async () => {
    const { order } = await createPendingOrder();
    const marker = randomUUID();
    // Two rows, one with a JSON value and one without (SQL NULL, not JSON's null).
    const write = (message: string) =>
      getDb().transaction(async (tx) => {
        await appendPaymentLog(tx, { kind: "gateway_request", by: { actor: "system" }, orderId: order.id, message, data: { marker, message } });
        await appendPaymentLog(tx, { kind: "gateway_response", by: { actor: "system" }, orderId: order.id, message: `${message} answered`, data: null });
      });
    await write("first");
    const builds = vi.spyOn(PgDialect.prototype, "sqlToQuery");
    try {
      await write("second");
      expect(builds).not.toHaveBeenCalled();
    } finally {
      builds.mockRestore();
    }
    const rows = await getDb()
      .select({ message: paymentLog.message, data: paymentLog.data, dataIsNull: sql<boolean>`${paymentLog.data} is null` })
      .from(paymentLog)
      .where(and(eq(paymentLog.orderId, order.id), sql`${paymentLog.kind} in ('gateway_request', 'gateway_response')`))
      .orderBy(asc(paymentLog.id));
    expect(rows).toEqual([
      { message: "first", data: { marker, message: "first" }, dataIsNull: false },
      { message: "first answered", data: null, dataIsNull: true },
      { message: "second", data: { marker, message: "second" }, dataIsNull: false },
      { message: "second answered", data: null, dataIsNull: true },
    ]);
  });

  it("a batch longer than the bound of kept shapes is built for its call and writes every row in order", async () => {
    const { order } = await createPendingOrder();
    const marker = randomUUID();
    const steps = Array.from({ length: 12 }, (_, i) => `step ${i}`);
    await getDb().transaction(async (tx) => {
      for (const step of steps) await appendPaymentLog(tx, { kind: "gateway_request", by: { actor: "system" }, orderId: order.id, message: step, data: { marker } });
    });
    expect((await logRows(marker)).map((r) => r.message)).toEqual(steps);
  });
});
