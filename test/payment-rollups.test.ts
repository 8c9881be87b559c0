import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/server/db/client";
import { createAdmin } from "./fixtures";
import { DECLINED_CARD, GOOD_CARD, installTestGateway, pendingPayment, settleRefund } from "./payment-fixtures";

installTestGateway();

/**
 * The payments report reads payment_daily_rollups, kept by a trigger in every payment's own
 * transaction. After a random mix of payments created, paid, declined and retried, cancelled
 * and refunded — many at once — the roll-up must equal the aggregate of the payments table
 * itself, group by group. Both are read in one repeatable-read snapshot, so payments other
 * tests write meanwhile cannot make them differ.
 */
type Group = { day: string; status: string; method: string; n: number; amount: string; refunded: string; attempts: string };

async function rollupsAndPayments(): Promise<{ rollups: Group[]; direct: Group[] }> {
  return getDb().transaction(
    async (tx) => {
      const rollups = (await tx.execute(sql`
        select to_char(day, 'YYYY-MM-DD') as day, status, method, sum(payments)::int as n, sum(amount_minor)::text as amount,
               sum(refunded_minor)::text as refunded, sum(attempts)::text as attempts
        from payment_daily_rollups group by 1, 2, 3 having sum(payments) <> 0 order by 1, 2, 3`)) as unknown as Group[];
      const direct = (await tx.execute(sql`
        select to_char(created_at at time zone 'Asia/Shanghai', 'YYYY-MM-DD') as day, status, method, count(*)::int as n,
               sum(amount_minor)::text as amount, sum(refunded_minor)::text as refunded, sum(attempt_count)::text as attempts
        from payments group by 1, 2, 3 order by 1, 2, 3`)) as unknown as Group[];
      return { rollups: [...rollups], direct: [...direct] };
    },
    { isolationLevel: "repeatable read", accessMode: "read only" },
  );
}

/** A small deterministic random source, so a failing mix can be replayed from its seed. */
function random(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

describe("payment daily roll-ups", () => {
  it("equal the payments' own aggregate after a random mix of concurrent payments, retries, cancellations and refunds", async () => {
    const admin = await createAdmin();
    const seed = Date.now() % 100_000;
    const next = random(seed);
    const methods = ["card", "alipay", "wechat_pay"] as const;
    const lives = Array.from({ length: 16 }, (_, i) => ({ i, roll: next(), method: methods[Math.floor(next() * 3)]!, price: 1_000 + Math.floor(next() * 50_000) }));

    await Promise.all(
      lives.map(async ({ roll, method, price }) => {
        const { shopper, payment } = await pendingPayment({ priceMinor: price, method: roll < 0.6 ? "card" : method });
        const pay = (number: string) => shopper.caller.payment.pay({ paymentId: payment.id, method: "card", card: { number } });
        if (roll < 0.25) {
          // Declined, then paid: two attempts, one success.
          await pay(DECLINED_CARD);
          await pay(GOOD_CARD);
        } else if (roll < 0.45) {
          // Paid, then part of it refunded.
          await pay(GOOD_CARD);
          const { refund } = await admin.caller.adminPayment.refund({ paymentId: payment.id, amountMinor: Math.max(1, Math.floor(price / 3)), reason: "roll-up test" });
          await settleRefund(refund.refundSn);
        } else if (roll < 0.6) {
          await pay(DECLINED_CARD);
        } else if (roll < 0.75) {
          await admin.caller.adminPayment.cancel({ paymentId: payment.id });
        }
        // else: left open (pending).
      }),
    );

    const { rollups, direct } = await rollupsAndPayments();
    expect(rollups, `seed ${seed}`).toEqual(direct);
  });

  it("follows payments moved to another day, and the report reads both success rates from it", async () => {
    const admin = await createAdmin();
    const declinedThenPaid = await pendingPayment({ priceMinor: 20_000 });
    await declinedThenPaid.shopper.caller.payment.pay({ paymentId: declinedThenPaid.payment.id, method: "card", card: { number: DECLINED_CARD } });
    await declinedThenPaid.shopper.caller.payment.pay({ paymentId: declinedThenPaid.payment.id, method: "card", card: { number: GOOD_CARD } });
    const declined = await pendingPayment({ priceMinor: 30_000 });
    await declined.shopper.caller.payment.pay({ paymentId: declined.payment.id, method: "card", card: { number: DECLINED_CARD } });
    await admin.caller.adminPayment.cancel({ paymentId: declined.payment.id });

    const ids = [declinedThenPaid.payment.id, declined.payment.id];
    await getDb().execute(sql`update payments set created_at = '2002-03-04 12:00:00+08' where id in ${ids}`);
    const report = await admin.caller.adminPayment.report({ from: "2002-03-04", to: "2002-03-04" });
    expect(report.totals).toMatchObject({ count: 2, captured: 1, attempts: 3, capturedMinor: declinedThenPaid.payment.amountMinor });
    // By final outcome: one paid of two that ended. By attempt: one success in three charges.
    expect(report.totals.successRate).toBeCloseTo(1 / 2);
    expect(report.totals.successRateByAttempt).toBeCloseTo(1 / 3);
    expect(report.byMethod.find((m) => m.method === "card")).toMatchObject({ attempts: 3, captured: 1 });

    const { rollups, direct } = await rollupsAndPayments();
    expect(rollups).toEqual(direct);
  });
});
