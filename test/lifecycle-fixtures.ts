import { randomUUID } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll } from "vitest";
import { getDb } from "../src/server/db/client";
import { inventory, orderStatusLog, orders } from "../src/server/db/schema";
import { logisticsSettings } from "../src/server/domain/logistics";
import { transitionOrder } from "../src/server/domain/order";
import { closeGatewayDb, setPaymentProvider } from "../src/server/domain/payment";
import { checkMoneyInvariantsAfterEachTest, testGateway } from "./payment-fixtures";
import { withLogisticsDatabase } from "./logistics-fixtures";

/**
 * Lifecycle tests get their own database (carriers and couriers seeded, no delivery faults),
 * so they may change timing settings without touching other files' data.
 */
export function withLifecycleDatabase({ gateway = false }: { gateway?: boolean } = {}): void {
  withLogisticsDatabase();
  beforeAll(async () => {
    // The gateway's pool follows DATABASE_URL: open it on this file's database.
    if (gateway) {
      await closeGatewayDb();
      setPaymentProvider(testGateway());
    }
    await logisticsSettings.update(getDb(), { failedAttemptRate: 0, addressProblemRate: 0, lostParcelRate: 0, outageRate: 0, workingHourStart: 0, workingHourEnd: 24 }, null);
  });
  if (gateway) {
    afterAll(async () => {
      setPaymentProvider(null);
      await closeGatewayDb();
    });
    checkMoneyInvariantsAfterEachTest();
  }
}

/**
 * Makes the next write matching `condition` on `table` fail ONCE, as a crash in the middle of a
 * step would: a real PostgreSQL trigger raises on the first matching insert. A sequence counts
 * attempts because it is not rolled back with the failing transaction.
 */
export async function failNextInsertOnce(table: string, condition: string): Promise<{ failures: () => Promise<number> }> {
  const name = `fail_${randomUUID().replaceAll("-", "").slice(0, 12)}`;
  const db = getDb();
  await db.execute(sql.raw(`create sequence ${name}_seq`));
  await db.execute(
    sql.raw(`create function ${name}() returns trigger language plpgsql as $$
      begin
        if (${condition}) and nextval('${name}_seq') = 1 then raise exception 'simulated crash in the middle of a step'; end if;
        return new;
      end $$`),
  );
  await db.execute(sql.raw(`create trigger ${name} before insert on ${table} for each row execute function ${name}()`));
  return {
    failures: async () => {
      const [row] = (await db.execute(sql.raw(`select case when is_called then last_value else 0 end as n from ${name}_seq`))) as unknown as [{ n: number | bigint }];
      return Math.min(1, Number(row.n));
    },
  };
}

export async function statusLog(orderId: string) {
  return getDb().select().from(orderStatusLog).where(eq(orderStatusLog.orderId, orderId)).orderBy(orderStatusLog.id);
}

export async function stockOf(productId: string) {
  const [row] = await getDb().select().from(inventory).where(eq(inventory.productId, productId));
  return row!;
}

export async function orderOf(orderId: string) {
  const [row] = await getDb().select().from(orders).where(eq(orders.id, orderId));
  return row!;
}

/** Moves an order paid → shipped → delivered by status only (for receipt tests). */
export async function markDeliveredByStatus(orderId: string, deliveredAt?: Date) {
  await getDb().transaction(async (tx) => {
    await transitionOrder(tx, { orderId, to: "shipped", by: { actor: "system", note: "test: shipped" } });
    await transitionOrder(tx, { orderId, to: "delivered", by: { actor: "system", note: "test: delivered" }, patch: deliveredAt ? { deliveredAt } : {} });
  });
}
