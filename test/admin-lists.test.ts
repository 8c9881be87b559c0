import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { decodeListCursor, encodeListCursor } from "@/lib/list-cursor";
import { getDb } from "@/server/db/client";
import { EXACT_COUNT_CAP } from "@/server/db/list-page";
import { createAdmin } from "./fixtures";
import { pendingPayment } from "./payment-fixtures";

/**
 * The admin lists at scale: keyset pages that neither skip nor repeat a row while rows are
 * inserted between page loads, previous pages that give back what was shown, and totals that
 * are exact up to 1,000 matching rows and an estimate (flagged) above.
 */

type Page = { items: { id: string; amountMinor: number }[]; nextCursor: string | null; prevCursor: string | null; page: number; total: number; totalIsEstimate: boolean };

/** Every id of a list walked to its end by `nextCursor`, calling `between` after each page. */
async function walk(list: (cursor?: string) => Promise<Page>, between: () => Promise<void> = async () => {}) {
  const seen: string[] = [];
  const pages: Page[] = [];
  let cursor: string | undefined;
  for (let guard = 0; guard < 100; guard++) {
    const page = await list(cursor);
    pages.push(page);
    seen.push(...page.items.map((p) => p.id));
    if (!page.nextCursor) return { seen, pages };
    cursor = page.nextCursor;
    await between();
  }
  throw new Error("the list did not end");
}

describe("admin lists: keyset pages", () => {
  it("walks payments in order with neither a skipped nor a repeated row while payments arrive, ties broken by id", async () => {
    const admin = await createAdmin();
    // A price band of its own: the filter keeps other tests' payments out.
    const base = 71_000_00 + Math.floor(Math.random() * 1000) * 100;
    const made = [];
    for (let i = 0; i < 13; i++) made.push(await pendingPayment({ priceMinor: base + i * 3 }));
    // Five payments share one instant: only the id can order them.
    const tied = made.slice(4, 9).map((m) => m.payment.id);
    await getDb().execute(sql`update payments set created_at = now() - interval '1 hour' where id in ${tied}`);
    const band = { minAmountMinor: base, maxAmountMinor: base + 10_000 };

    const expected = (await getDb().execute(
      sql`select id from payments where amount_minor between ${band.minAmountMinor} and ${band.maxAmountMinor} order by created_at desc, id desc`,
    )) as unknown as { id: string }[];
    let arrivals = 0;
    const newest = await walk(
      (cursor) => admin.caller.adminPayment.list({ ...band, pageSize: 4, cursor }),
      async () => {
        // A new payment at the top of the newest-first list between page loads.
        arrivals += 1;
        await pendingPayment({ priceMinor: base + 1_000 + arrivals });
      },
    );
    expect(newest.seen).toEqual(expected.map((r) => r.id));
    expect(newest.pages.map((p) => p.page)).toEqual([1, 2, 3, 4]);

    // Sorted by amount, new payments land in the middle of what is left: each row present at
    // the start is still seen exactly once.
    const before = new Set((await admin.caller.adminPayment.list({ ...band, pageSize: 100 })).items.map((p) => p.id));
    let amountArrivals = 0;
    const byAmount = await walk(
      (cursor) => admin.caller.adminPayment.list({ ...band, sort: "amount_asc", pageSize: 5, cursor }),
      async () => {
        amountArrivals += 1;
        await pendingPayment({ priceMinor: base + 20 + amountArrivals });
      },
    );
    expect(new Set(byAmount.seen).size).toBe(byAmount.seen.length);
    for (const id of before) expect(byAmount.seen).toContain(id);
    const amounts = byAmount.pages.flatMap((p) => p.items.map((i) => i.amountMinor));
    expect(amounts).toEqual([...amounts].sort((a, b) => a - b));
  });

  it("gives back the same page through Previous, and the first page whole when rows above it went away", async () => {
    const admin = await createAdmin();
    const base = 72_000_00 + Math.floor(Math.random() * 1000) * 100;
    for (let i = 0; i < 9; i++) await pendingPayment({ priceMinor: base + i });
    const band = { minAmountMinor: base, maxAmountMinor: base + 10_000, pageSize: 3 };
    const first = await admin.caller.adminPayment.list(band);
    expect(first).toMatchObject({ page: 1, prevCursor: null, total: 9, totalIsEstimate: false });
    const second = await admin.caller.adminPayment.list({ ...band, cursor: first.nextCursor! });
    const third = await admin.caller.adminPayment.list({ ...band, cursor: second.nextCursor! });
    expect(third).toMatchObject({ page: 3, nextCursor: null });
    const backToSecond = await admin.caller.adminPayment.list({ ...band, cursor: third.prevCursor! });
    expect(backToSecond.items.map((p) => p.id)).toEqual(second.items.map((p) => p.id));
    expect(backToSecond.page).toBe(2);
    const backToFirst = await admin.caller.adminPayment.list({ ...band, cursor: backToSecond.prevCursor! });
    expect(backToFirst.items.map((p) => p.id)).toEqual(first.items.map((p) => p.id));
    expect(backToFirst).toMatchObject({ page: 1, prevCursor: null });

    // The first page's rows leave the filter: Previous from page 2 shows a full first page.
    await getDb().execute(sql`update payments set amount_minor = amount_minor + 50000 where id in ${first.items.map((p) => p.id)}`);
    const afterRemoval = await admin.caller.adminPayment.list({ ...band, cursor: second.prevCursor! });
    expect(afterRemoval.page).toBe(1);
    expect(afterRemoval.items.map((p) => p.id)).toEqual(second.items.map((p) => p.id));
  });

  it("pages refunds and orders by cursor too, and reads a page number the old way", async () => {
    const admin = await createAdmin();
    const base = 73_000_00 + Math.floor(Math.random() * 1000) * 100;
    const made = [];
    for (let i = 0; i < 5; i++) made.push(await pendingPayment({ priceMinor: base + i }));
    const shopper = made[0]!.shopper.user.email;
    const orders = await walk((cursor) => admin.caller.adminOrder.list({ shopper, pageSize: 1, cursor }) as Promise<never>);
    expect(orders.seen).toEqual([made[0]!.order.id]);
    const byNumber = await admin.caller.adminPayment.list({ minAmountMinor: base, maxAmountMinor: base + 100, pageSize: 2, page: 2 });
    const byCursor = await admin.caller.adminPayment.list({
      minAmountMinor: base,
      maxAmountMinor: base + 100,
      pageSize: 2,
      cursor: (await admin.caller.adminPayment.list({ minAmountMinor: base, maxAmountMinor: base + 100, pageSize: 2 })).nextCursor!,
    });
    expect(byNumber.items.map((p) => p.id)).toEqual(byCursor.items.map((p) => p.id));
    expect(byNumber.nextCursor).not.toBeNull();
    const refunds = await admin.caller.adminPayment.refunds.list({ refundSn: "RF-none-such", pageSize: 5 });
    expect(refunds).toMatchObject({ items: [], total: 0, totalIsEstimate: false, nextCursor: null, prevCursor: null });
  });

  it("refuses a cursor that is not one of ours (400) and opens the first page for a cursor of another sort", async () => {
    const admin = await createAdmin();
    await expect(admin.caller.adminPayment.list({ cursor: "not-a-cursor" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(admin.caller.adminPayment.list({ cursor: "eyJhIjoxfQ" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    const foreign = encodeListCursor({ sort: "amount_asc", key: 5, id: randomUUID(), dir: "after", page: 7 });
    const page = await admin.caller.adminPayment.list({ cursor: foreign, sort: "created_desc", pageSize: 1 });
    expect(page.page).toBe(1);
    expect(decodeListCursor(foreign)).toMatchObject({ sort: "amount_asc", page: 7 });
  });
});

describe("admin lists: totals", () => {
  it("counts exactly up to 1,000 matching rows and shows PostgreSQL's estimate above, flagged as such", async () => {
    const admin = await createAdmin();
    const { order } = await pendingPayment({ priceMinor: 100 });
    // Closed payments of one order (no uniqueness applies to them), in bulk, each with a
    // price of this test's own.
    const amount = 74_000_00 + Math.floor(Math.random() * 100_000);
    const insert = (n: number, from: number) =>
      getDb().execute(sql`
        insert into payments (payment_sn, order_id, user_id, amount_minor, currency, method, status, expires_at, closed_at)
        select 'PYBULK' || ${amount}::text || '-' || (${from} + i)::text, o.id, o.user_id, ${amount}, 'CNY', 'card', 'expired', now(), now()
        from generate_series(1, ${n}) i, orders o where o.id = ${order.id}`);
    await insert(EXACT_COUNT_CAP, 0);
    await getDb().execute(sql`analyze payments`);
    const exact = await admin.caller.adminPayment.list({ minAmountMinor: amount, maxAmountMinor: amount, pageSize: 5 });
    expect(exact).toMatchObject({ total: EXACT_COUNT_CAP, totalIsEstimate: false });

    await insert(1, EXACT_COUNT_CAP);
    await getDb().execute(sql`analyze payments`);
    const estimated = await admin.caller.adminPayment.list({ minAmountMinor: amount, maxAmountMinor: amount, pageSize: 5 });
    expect(estimated.totalIsEstimate).toBe(true);
    expect(estimated.total).toBeGreaterThan(EXACT_COUNT_CAP);

    // Unfiltered: the table's own statistics.
    const all = await admin.caller.adminPayment.list({ pageSize: 5 });
    expect(all.totalIsEstimate).toBe(true);
    expect(all.total).toBeGreaterThan(EXACT_COUNT_CAP);

    // A filter that leaves a few: exact again.
    const few = await admin.caller.adminPayment.list({ paymentSn: `PYBULK${amount}-100` });
    expect(few).toMatchObject({ totalIsEstimate: false });
    expect(few.total).toBe(few.items.length);
    expect(few.items.map((p) => p.paymentSn).sort()).toEqual([`PYBULK${amount}-100`, `PYBULK${amount}-1000`, `PYBULK${amount}-1001`].sort());

    // Walking the thousand by cursor visits each exactly once.
    const walked = await walk((cursor) => admin.caller.adminPayment.list({ minAmountMinor: amount, maxAmountMinor: amount, pageSize: 100, cursor }));
    expect(walked.seen.length).toBe(EXACT_COUNT_CAP + 1);
    expect(new Set(walked.seen).size).toBe(EXACT_COUNT_CAP + 1);
  });
});
