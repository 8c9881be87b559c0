import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/server/db/client";
import { inventoryMovements } from "@/server/db/schema";
import { checkout } from "@/server/flows/checkout";
import { isDomainError } from "@/server/errors";
import { createAddressFor, createAdmin, createProduct, createShopper } from "../../../../test/fixtures";
import { commitOrderStock, correctStock, getStockLevel, listLowStock, listMovements, receiveStock, releaseOrderStock } from ".";

async function buyers(n: number) {
  return Promise.all(
    Array.from({ length: n }, async () => {
      const { user } = await createShopper();
      const address = await createAddressFor(user.id);
      return { userId: user.id, addressId: address.id };
    }),
  );
}

/** Sums of each movement kind for a product, straight from the ledger. */
async function ledger(productId: string) {
  const rows = await getDb()
    .select({ kind: inventoryMovements.kind, total: sql<number>`sum(${inventoryMovements.quantity})::int` })
    .from(inventoryMovements)
    .where(eq(inventoryMovements.productId, productId))
    .groupBy(inventoryMovements.kind);
  const sum = (kind: string) => rows.find((r) => r.kind === kind)?.total ?? 0;
  return { receive: sum("receive"), reserve: sum("reserve"), release: sum("release"), commit: sum("commit"), adjust: sum("adjust"), restock: sum("restock") };
}

describe("stock receiving and correction", () => {
  it("receives stock and records who did it; a receipt of 0 or for an unknown product writes nothing", async () => {
    const { user } = await createAdmin();
    const db = getDb();
    const product = await createProduct({ stock: 0 });
    await expect(receiveStock(db, { input: { productId: product.id, quantity: 12, note: "PO-7" }, by: { userId: user.id } })).resolves.toMatchObject({ onHand: 12, available: 12 });
    await expect(receiveStock(db, { input: { productId: product.id, quantity: 0 }, by: { userId: user.id } })).rejects.toMatchObject({ issues: [expect.objectContaining({ path: ["quantity"] })] });
    await expect(receiveStock(db, { input: { productId: crypto.randomUUID(), quantity: 1 }, by: { userId: user.id } })).rejects.toMatchObject({ code: "PRODUCT_NOT_FOUND" });
    const history = await listMovements(db, { productId: product.id });
    expect(history.items).toMatchObject([{ kind: "receive", quantity: 12, note: "PO-7", actorName: user.name }]);
  });

  it("corrects a count with a reason, but never below what unpaid orders hold, and never over a change it did not see", async () => {
    const { user } = await createAdmin();
    const db = getDb();
    const by = { userId: user.id };
    const product = await createProduct({ stock: 10 });
    const [buyer] = await buyers(1);
    const order = await checkout(db, { userId: buyer!.userId, input: { addressId: buyer!.addressId, items: [{ productId: product.id, quantity: 4 }] } });

    await expect(correctStock(db, { input: { productId: product.id, onHand: 3, expectedOnHand: 10, reason: "broken in storage" }, by })).rejects.toMatchObject({
      code: "STOCK_BELOW_RESERVED",
      fieldErrors: { onHand: [expect.any(String)] },
      params: { reserved: 4 },
    });
    await expect(correctStock(db, { input: { productId: product.id, onHand: 8, expectedOnHand: 9, reason: "recount" }, by })).rejects.toMatchObject({ code: "CONCURRENT_UPDATE" });
    await expect(correctStock(db, { input: { productId: product.id, onHand: 8, expectedOnHand: 10, reason: "" }, by })).rejects.toMatchObject({ issues: [expect.objectContaining({ path: ["reason"] })] });
    expect(await getStockLevel(db, product.id)).toMatchObject({ onHand: 10, reserved: 4 });

    await expect(correctStock(db, { input: { productId: product.id, onHand: 4, expectedOnHand: 10, reason: "water damage" }, by })).resolves.toMatchObject({ onHand: 4, reserved: 4, available: 0 });
    const history = await listMovements(db, { productId: product.id });
    expect(history.items[0]).toMatchObject({ kind: "adjust", quantity: -6, note: "water damage", actorName: user.name });
    expect(history.items[1]).toMatchObject({ kind: "reserve", quantity: 4, orderNo: order.orderNo });
  });

  it("lists products at or below their threshold, emptiest first", async () => {
    const db = getDb();
    const low = await createProduct({ stock: 2 });
    const fine = await createProduct({ stock: 50 });
    const result = await listLowStock(db, { pageSize: 100 });
    const ids = result.items.map((r) => r.productId);
    expect(ids).toContain(low.id);
    expect(ids).not.toContain(fine.id);
    const availables = result.items.map((r) => r.available);
    expect(availables).toEqual([...availables].sort((a, b) => a - b));
  });

  it("never goes negative when a correction races a checkout", async () => {
    const { user } = await createAdmin();
    const db = getDb();
    const people = await buyers(10);
    for (const buyer of people) {
      const product = await createProduct({ stock: 5 });
      const [corrected, bought] = await Promise.allSettled([
        correctStock(db, { input: { productId: product.id, onHand: 1, expectedOnHand: 5, reason: "recount" }, by: { userId: user.id } }),
        checkout(db, { userId: buyer.userId, input: { addressId: buyer.addressId, items: [{ productId: product.id, quantity: 3 }] } }),
      ]);
      // Exactly one wins, whichever came first; the loser is refused with a clear code.
      expect([corrected.status, bought.status].sort()).toEqual(["fulfilled", "rejected"]);
      const loser = corrected.status === "rejected" ? corrected.reason : (bought as PromiseRejectedResult).reason;
      expect(isDomainError(loser, "STOCK_BELOW_RESERVED") || isDomainError(loser, "OUT_OF_STOCK")).toBe(true);
      const stock = await getStockLevel(db, product.id);
      expect(stock.available).toBeGreaterThanOrEqual(0);
      expect(stock).toEqual(corrected.status === "fulfilled" ? { productId: product.id, onHand: 1, reserved: 0, available: 1 } : { productId: product.id, onHand: 5, reserved: 3, available: 2 });
    }
  });

  it("loses no unit over 20 rounds of concurrent receipts, checkouts, sales, cancellations and corrections", async () => {
    const { user } = await createAdmin();
    const db = getDb();
    const by = { userId: user.id };
    const product = await createProduct({ stock: 0 });
    await receiveStock(db, { input: { productId: product.id, quantity: 5 }, by });
    const people = await buyers(6);
    let received = 5;
    let corrections = 0;
    let reservedByUs = 0;
    let sold = 0;
    let open: string[] = [];
    /** An admin removes one damaged unit, counting again while receipts or sales keep changing the figure. */
    const recountOneLess = async (productId: string, seen: number, reason: string) => {
      for (let attempt = 0, onHand = seen; attempt < 50; attempt++, onHand = (await getStockLevel(db, productId)).onHand) {
        try {
          return await correctStock(db, { input: { productId, onHand: onHand - 1, expectedOnHand: onHand, reason }, by });
        } catch (error) {
          if (!isDomainError(error, "CONCURRENT_UPDATE")) throw error;
        }
      }
      throw new Error("the count never settled");
    };

    for (let round = 0; round < 20; round++) {
      const level = await getStockLevel(db, product.id);
      const [sell, cancel] = [open.slice(0, 2), open.slice(2, 3)];
      const results = await Promise.allSettled([
        ...[2, 3].map((quantity) => receiveStock(db, { input: { productId: product.id, quantity }, by }).then(() => ({ received: quantity }))),
        ...people.map((b) =>
          checkout(db, { userId: b.userId, input: { addressId: b.addressId, items: [{ productId: product.id, quantity: 1 + (round % 2) }] } }).then((o) => ({ order: o.id, reserved: 1 + (round % 2) })),
        ),
        ...sell.map((orderId) => db.transaction((tx) => commitOrderStock(tx, orderId)).then(() => ({ sold: orderId }))),
        ...cancel.map((orderId) => db.transaction((tx) => releaseOrderStock(tx, orderId)).then(() => ({ released: orderId }))),
        recountOneLess(product.id, level.onHand, `round ${round}`).then(() => ({ corrected: -1 })),
      ]);
      const done = open.slice(0, 3);
      open = open.slice(3);
      for (const result of results) {
        if (result.status === "rejected") {
          const ok = ["OUT_OF_STOCK", "STOCK_BELOW_RESERVED", "CONCURRENT_UPDATE"].some((code) => isDomainError(result.reason, code as never));
          expect(ok, String(result.reason)).toBe(true);
          continue;
        }
        const value = result.value as Record<string, unknown>;
        if ("received" in value) received += value.received as number;
        if ("corrected" in value) corrections += 1;
        if ("order" in value) {
          open.push(value.order as string);
          reservedByUs += value.reserved as number;
        }
      }
      // Stock of the sold and released orders left the reservation.
      for (const orderId of done) {
        const [line] = await db.execute<{ quantity: number }>(sql`select quantity from order_items where order_id = ${orderId}`);
        reservedByUs -= line!.quantity;
        if (sell.includes(orderId)) sold += line!.quantity;
      }
      const stock = await getStockLevel(db, product.id);
      expect(stock.available).toBeGreaterThanOrEqual(0);
      expect(stock.reserved).toBe(reservedByUs);
      // available + reserved + sold = received − corrections
      expect(stock.available + stock.reserved + sold).toBe(received - corrections);
    }
    const sums = await ledger(product.id);
    const stock = await getStockLevel(db, product.id);
    expect(sums.receive).toBe(received);
    expect(sums.adjust + corrections).toBe(0);
    expect(stock.onHand).toBe(sums.receive + sums.adjust + sums.restock - sums.commit);
    expect(stock.reserved).toBe(sums.reserve - sums.release - sums.commit);
    expect(sold).toBeGreaterThan(0);
    expect(corrections).toBeGreaterThan(0);
  });
});
