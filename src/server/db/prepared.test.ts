import { and, eq, sql } from "drizzle-orm";
import { drizzle } from "drizzle-orm/postgres-js";
import { describe, expect, it } from "vitest";
import { createAuthSession, findActiveSession } from "@/server/domain/user";
import { createUser } from "../../../test/fixtures";
import { getDb, type DbOrTx } from "./client";
import { placeholderRows, placeholderSet, prepared, SqlWithValues } from "./prepared";
import { orderItems, orders, payments } from "./schema";

const backendPid = (db: DbOrTx) => prepared(db, "test-backend-pid", (d) => d.select({ pid: sql<number>`pg_backend_pid()` }).from(sql`(select 1) one`).prepare("test_backend_pid"));

describe("prepared statements", () => {
  it("outside a transaction, share the small statement pool however many run at once", async () => {
    const statementPids = new Set<number>();
    const results = await Promise.all(Array.from({ length: 60 }, () => backendPid(getDb()).execute()));
    for (const [row] of results) statementPids.add(row!.pid);
    expect(statementPids.size).toBeGreaterThanOrEqual(1);
    expect(statementPids.size).toBeLessThanOrEqual(Number(process.env.DATABASE_STATEMENT_POOL_SIZE ?? 2));

    // Ordinary queries use the main pool, whose connections are others.
    const mainPids = await Promise.all(Array.from({ length: 20 }, () => getDb().execute<{ pid: number }>(sql`select pg_backend_pid() as pid`)));
    for (const rows of mainPids) expect(statementPids.has(rows[0]!.pid)).toBe(false);
  });

  it("inside a transaction, run on the transaction's connection and see its uncommitted rows", async () => {
    const user = await createUser();
    let sid = "";
    await getDb().transaction(async (tx) => {
      sid = await createAuthSession(tx, user.id);
      const [txPid] = await tx.execute<{ pid: number }>(sql`select pg_backend_pid() as pid`);
      const [row] = await backendPid(tx).execute();
      expect(row!.pid).toBe(txPid!.pid);
      expect(await findActiveSession(tx, sid)).toMatchObject({ id: user.id, sessionId: sid });
      // Not committed: the statement pool cannot see it yet.
      expect(await findActiveSession(getDb(), sid)).toBeNull();
    });
    expect(await findActiveSession(getDb(), sid)).toMatchObject({ id: user.id, sessionId: sid });
  });
});

describe("placeholderSet", () => {
  it("turns values into placeholders, keeps nulls, leaves undefined out and refuses SQL values", () => {
    const at = new Date("2026-12-04T00:00:00Z");
    const shaped = placeholderSet({ status: "failed", failureCode: null, qrToken: undefined, updatedAt: at });
    expect(shaped!.shape).toBe("failureCode=null,status,updatedAt,");
    expect(shaped!.values).toEqual({ set_status: "failed", set_updatedAt: at });
    expect(placeholderSet({ updatedAt: at, failureCode: null, status: "failed" })!.shape).toBe(shaped!.shape);
    expect(placeholderSet({ paymentSn: sql`(select 1)` })).toBeNull();
  });

  it("builds the same SQL text as the update built with the values", () => {
    const d = drizzle.mock({ casing: "snake_case" });
    const set = { status: "failed" as const, failureCode: null, failureMessage: "declined", updatedAt: new Date() };
    const direct = d.update(payments).set(set).where(and(eq(payments.id, "p"), eq(payments.status, "processing"))).returning().toSQL();
    const shaped = placeholderSet(set)!;
    const built = d.update(payments).set(shaped.set).where(and(eq(payments.id, sql.placeholder("paymentId")), eq(payments.status, sql.placeholder("from")))).returning().toSQL();
    expect(built.sql).toBe(direct.sql);
  });

  it("keeps an SQL expression with its own placeholders in the statement, named in the shape", () => {
    const expression = new SqlWithValues("snOf", sql`(select ${payments.paymentSn} from ${payments} where ${payments.id} = ${sql.placeholder("snOf_id")})`, { snOf_id: "p1" });
    const shaped = placeholderSet({ paymentSn: expression, paymentStatus: "pending" })!;
    expect(shaped.shape).toBe("paymentSn=snOf,paymentStatus,");
    expect(shaped.values).toEqual({ snOf_id: "p1", set_paymentStatus: "pending" });
    const d = drizzle.mock({ casing: "snake_case" });
    const built = d.update(orders).set(shaped.set).where(eq(orders.id, sql.placeholder("orderId"))).toSQL();
    const direct = d.update(orders).set({ paymentSn: sql`(select ${payments.paymentSn} from ${payments} where ${payments.id} = ${"p1"})`, paymentStatus: "pending" }).where(eq(orders.id, "o")).toSQL();
    expect(built.sql).toBe(direct.sql);
  });
});

describe("placeholderRows", () => {
  const rows = [
    { orderId: "o", productId: "a", sku: "A", name: "A", nameZh: "甲", unitPriceMinor: 100, quantity: 2, lineTotalMinor: 200, weightGrams: 10 },
    { orderId: "o", productId: "b", sku: "B", name: "B", nameZh: "乙", unitPriceMinor: 300, quantity: 1, lineTotalMinor: 300, weightGrams: null as number | null, id: undefined },
  ];

  it("builds the same SQL text as the insert built with the values; row count, nulls and defaults are the shape", () => {
    const shaped = placeholderRows(rows)!;
    expect(shaped.shape).toBe(
      "[lineTotalMinor,name,nameZh,orderId,productId,quantity,sku,unitPriceMinor,weightGrams,][lineTotalMinor,name,nameZh,orderId,productId,quantity,sku,unitPriceMinor,weightGrams=null,]",
    );
    expect(shaped.values).toMatchObject({ r0_productId: "a", r1_productId: "b", r1_unitPriceMinor: 300 });
    expect(shaped.values).not.toHaveProperty("r1_weightGrams");
    const d = drizzle.mock({ casing: "snake_case" });
    // (A null weight only to show the shape: the column is NOT NULL.)
    expect(d.insert(orderItems).values(shaped.rows as never).toSQL().sql).toBe(d.insert(orderItems).values(rows as never).toSQL().sql);
    expect(placeholderRows(rows.slice(0, 1))!.shape).not.toBe(shaped.shape);
  });

  it("refuses SQL values and more rows than the bound", () => {
    expect(placeholderRows([{ quantity: sql`1` }])).toBeNull();
    expect(placeholderRows(rows, { maxRows: 1 })).toBeNull();
    expect(placeholderRows(Array.from({ length: 9 }, () => rows[0]!))).toBeNull();
  });
});
