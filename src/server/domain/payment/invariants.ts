import { sql } from "drizzle-orm";
import type { DbOrTx } from "@/server/db/client";

/**
 * The money invariants of the payment module, as one reusable check (tests assert it after
 * every scenario; it also suits an operations report). Each returns human-readable violations:
 *
 * 1. refunded ≤ captured: refunded + in-flight holds never exceed the payment amount, and the
 *    payment's counters equal the sums of its refunds (succeeded / requested+approved+processing).
 * 2. captured = payable total: a captured payment's amount equals its order's payable total,
 *    its order is past pending_payment, and an order has at most one captured payment.
 * 3. order mirrors: the order's payment_status / payment_sn mirror its latest payment.
 * 4. gateway ledger ⇔ shop: every captured payment has exactly one succeeded gateway charge of
 *    its amount (its current charge); a payment that ended unpaid (failed, cancelled, expired)
 *    has none; gateway refunds that succeeded match the payment's refunded amount, and nothing
 *    is refunded at the gateway that the shop does not hold or count.
 * 5. charges captured for a closed payment (or a second capture) are given back: each has a
 *    charge reversal (and is then left out of 4), the reversal is not given up, a succeeded one
 *    is refunded in full at the gateway, and no reversal refunds more than its charge.
 *
 * `paymentIds` limits the check to some payments (tests running in parallel check their own).
 */
export async function findMoneyInvariantViolations(db: DbOrTx, { paymentIds }: { paymentIds?: string[] } = {}): Promise<string[]> {
  const scope = paymentIds ? (paymentIds.length ? sql`p.id in (${sql.join(paymentIds.map((id) => sql`${id}::uuid`), sql`, `)})` : sql`false`) : sql`true`;
  const violations: string[] = [];
  const rows = async (query: ReturnType<typeof sql>) => (await db.execute(query)) as unknown as Record<string, unknown>[];

  for (const r of await rows(sql`
    select p.payment_sn, p.amount_minor, p.refunded_minor, p.refund_reserved_minor,
      coalesce(sum(r.amount_minor) filter (where r.status = 'succeeded'), 0)::int as succeeded,
      coalesce(sum(r.amount_minor) filter (where r.status in ('requested', 'approved', 'processing')), 0)::int as in_flight
    from payments p left join refunds r on r.payment_id = p.id
    where ${scope}
    group by p.id
    having p.refunded_minor + p.refund_reserved_minor > p.amount_minor
        or p.refunded_minor <> coalesce(sum(r.amount_minor) filter (where r.status = 'succeeded'), 0)
        or p.refund_reserved_minor <> coalesce(sum(r.amount_minor) filter (where r.status in ('requested', 'approved', 'processing')), 0)`)) {
    violations.push(
      `refunds of ${r.payment_sn}: amount ${r.amount_minor}, refunded ${r.refunded_minor} (refunds say ${r.succeeded}), held ${r.refund_reserved_minor} (refunds say ${r.in_flight})`,
    );
  }

  for (const r of await rows(sql`
    select p.payment_sn, p.status, p.amount_minor, o.payable_total_minor, o.status as order_status
    from payments p join orders o on o.id = p.order_id
    where ${scope} and p.status in ('succeeded', 'partially_refunded', 'refunded')
      and (p.amount_minor <> o.payable_total_minor or o.status in ('pending_payment', 'cancelled'))`)) {
    violations.push(`captured ${r.payment_sn} (${r.amount_minor}) vs order payable ${r.payable_total_minor} in status ${r.order_status}`);
  }
  for (const r of await rows(sql`
    select o.order_no, count(*)::int as n from payments p join orders o on o.id = p.order_id
    where ${scope} and p.status in ('succeeded', 'partially_refunded', 'refunded') group by o.order_no having count(*) > 1`)) {
    violations.push(`order ${r.order_no} has ${r.n} captured payments`);
  }
  for (const r of await rows(sql`
    select o.order_no, o.payment_status, o.payment_sn, latest.status, latest.payment_sn as latest_sn
    from payments p
    join orders o on o.id = p.order_id
    join lateral (select * from payments l where l.order_id = o.id order by l.created_at desc, l.id desc limit 1) latest on true
    where ${scope} and latest.id = p.id and (o.payment_status <> latest.status or o.payment_sn is distinct from latest.payment_sn)`)) {
    violations.push(`order ${r.order_no} mirrors ${r.payment_status}/${r.payment_sn} but its payment ${r.latest_sn} is ${r.status}`);
  }

  for (const r of await rows(sql`
    select p.payment_sn, p.status, p.amount_minor, p.current_charge_key,
      count(c.id) filter (where c.status = 'succeeded')::int as captured_charges,
      coalesce(sum(c.amount_minor) filter (where c.status = 'succeeded'), 0)::int as captured_amount,
      bool_or(c.status = 'succeeded' and c.charge_key = p.current_charge_key) as current_captured
    from payments p
    left join gateway.charges c on c.merchant_ref = p.payment_sn and not exists (select 1 from charge_reversals v where v.charge_key = c.charge_key)
    where ${scope}
    group by p.id
    having (p.status in ('succeeded', 'partially_refunded', 'refunded')
              and (count(c.id) filter (where c.status = 'succeeded') <> 1
                   or coalesce(sum(c.amount_minor) filter (where c.status = 'succeeded'), 0) <> p.amount_minor
                   or not coalesce(bool_or(c.status = 'succeeded' and c.charge_key = p.current_charge_key), false)))
        or (p.status in ('failed', 'cancelled', 'expired') and count(c.id) filter (where c.status = 'succeeded') > 0)`)) {
    violations.push(`gateway vs shop for ${r.payment_sn} (${r.status}, ${r.amount_minor}): ${r.captured_charges} captured charge(s) of ${r.captured_amount}`);
  }
  for (const r of await rows(sql`
    select p.payment_sn, p.refunded_minor, p.refund_reserved_minor,
      coalesce(sum(gr.amount_minor) filter (where gr.status = 'succeeded'), 0)::int as gateway_refunded,
      coalesce(sum(gr.amount_minor) filter (where gr.status = 'pending'), 0)::int as gateway_pending
    from payments p
    left join gateway.charges c on c.merchant_ref = p.payment_sn and not exists (select 1 from charge_reversals v where v.charge_key = c.charge_key)
    left join gateway.refunds gr on gr.charge_id = c.id
    where ${scope}
    group by p.id
    having p.refunded_minor > coalesce(sum(gr.amount_minor) filter (where gr.status = 'succeeded'), 0)
        or coalesce(sum(gr.amount_minor) filter (where gr.status in ('succeeded', 'pending')), 0) > p.refunded_minor + p.refund_reserved_minor`)) {
    violations.push(
      `refunds at gateway vs shop for ${r.payment_sn}: shop refunded ${r.refunded_minor} + held ${r.refund_reserved_minor}, gateway succeeded ${r.gateway_refunded} + pending ${r.gateway_pending}`,
    );
  }
  for (const r of await rows(sql`
    select p.payment_sn, v.charge_key, v.status, v.amount_minor, c.status as charge_status,
      coalesce(sum(gr.amount_minor) filter (where gr.status = 'succeeded'), 0)::int as refunded,
      coalesce(sum(gr.amount_minor) filter (where gr.status in ('succeeded', 'pending')), 0)::int as held
    from charge_reversals v
    join payments p on p.id = v.payment_id
    left join gateway.charges c on c.charge_key = v.charge_key
    left join gateway.refunds gr on gr.charge_id = c.id
    where ${scope}
    group by p.id, v.id, c.id
    having v.status = 'failed'
        or c.status is distinct from 'succeeded'
        or c.amount_minor <> v.amount_minor
        or (v.status = 'succeeded' and coalesce(sum(gr.amount_minor) filter (where gr.status = 'succeeded'), 0) <> v.amount_minor)
        or coalesce(sum(gr.amount_minor) filter (where gr.status in ('succeeded', 'pending')), 0) > v.amount_minor`)) {
    violations.push(
      `reversal of ${r.charge_key} (payment ${r.payment_sn}, ${r.status}, ${r.amount_minor}): charge ${r.charge_status ?? "missing"}, gateway refunded ${r.refunded} (with pending ${r.held})`,
    );
  }
  return violations;
}

/** Throws with every violation listed when any money invariant fails. */
export async function assertMoneyInvariants(db: DbOrTx, options: { paymentIds?: string[] } = {}): Promise<void> {
  const violations = await findMoneyInvariantViolations(db, options);
  if (violations.length > 0) throw new Error(`Money invariants violated:\n  ${violations.join("\n  ")}`);
}
