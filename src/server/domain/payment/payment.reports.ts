import { sql } from "drizzle-orm";
import type { DbOrTx } from "@/server/db/client";
import { PAYMENT_METHODS, PAYMENT_STATUSES, type PaymentMethod, type PaymentStatus } from "./payment.machine";
import { ZPaymentReportInput, type PaymentReportInput, type ReportInterval } from "./payment.schemas";

type Counts<K extends string> = Record<K, number>;
const zeroes = <K extends string>(keys: readonly K[]): Counts<K> => Object.fromEntries(keys.map((k) => [k, 0])) as Counts<K>;

export type PaymentReportDay = {
  day: string;
  count: number;
  countByStatus: Counts<PaymentStatus>;
  amountByStatus: Counts<PaymentStatus>;
  countByMethod: Counts<PaymentMethod>;
  amountByMethod: Counts<PaymentMethod>;
  capturedMinor: number;
  refundedMinor: number;
};

const CAPTURED = new Set<string>(["succeeded", "partially_refunded", "refunded"]);
const ENDED_UNPAID = new Set<string>(["failed", "cancelled", "expired"]);

/**
 * Payments per day (China time, by creation) by status and method, with success and refund
 * rates, read from the daily roll-up (payment_daily_rollups, kept by a trigger in each payment's
 * own transaction) instead of grouping every payment of the range: a year is a few thousand
 * roll-up rows, not half a million payments.
 *
 * Two success rates, because they answer different questions:
 * - by final outcome = captured / (captured + failed + cancelled + expired): of the payments
 *   that ended, how many were paid — payments still open are not counted either way;
 * - by attempt = captured / charge attempts: of every charge tried (a declined card retried
 *   twice is three attempts), how many went through.
 * Refund rate = refunded money / captured money.
 */
export async function paymentReport(db: DbOrTx, rawInput: PaymentReportInput) {
  const input = ZPaymentReportInput.parse(rawInput);
  const interval = input.interval ?? "day";
  // Grouped by day in the database, by week (if asked) here: a date_trunc per roll-up row cost
  // PostgreSQL more than adding up a year of days costs the server.
  const rows = (await db.execute(sql`
    select to_char(day, 'YYYY-MM-DD') as day, status, method,
           sum(payments)::int as n, sum(amount_minor)::bigint as amount, sum(refunded_minor)::bigint as refunded, sum(attempts)::bigint as attempts
    from payment_daily_rollups
    where day between ${input.from}::date and ${input.to}::date
    group by day, status, method
    having sum(payments) <> 0
    order by 1`)) as unknown as { day: string; status: PaymentStatus; method: PaymentMethod; n: number; amount: number | string; refunded: number | string; attempts: number | string }[];

  const days = new Map<string, PaymentReportDay>();
  for (const day of periodStarts(input.from, input.to, interval)) {
    days.set(day, {
      day,
      count: 0,
      countByStatus: zeroes(PAYMENT_STATUSES),
      amountByStatus: zeroes(PAYMENT_STATUSES),
      countByMethod: zeroes(PAYMENT_METHODS),
      amountByMethod: zeroes(PAYMENT_METHODS),
      capturedMinor: 0,
      refundedMinor: 0,
    });
  }
  const methods = Object.fromEntries(PAYMENT_METHODS.map((m) => [m, { count: 0, captured: 0, endedUnpaid: 0, capturedMinor: 0, attempts: 0 }])) as Record<
    PaymentMethod,
    { count: number; captured: number; endedUnpaid: number; capturedMinor: number; attempts: number }
  >;
  let attempts = 0;
  let captured = 0;
  let endedUnpaid = 0;
  let capturedMinor = 0;
  let refundedMinor = 0;
  let count = 0;
  for (const row of rows) {
    const day = days.get(interval === "day" ? row.day : periodStartOf(row.day, input.from));
    if (!day) continue;
    const amount = Number(row.amount);
    const refunded = Number(row.refunded);
    attempts += Number(row.attempts);
    methods[row.method].attempts += Number(row.attempts);
    day.count += row.n;
    day.countByStatus[row.status] += row.n;
    day.amountByStatus[row.status] += amount;
    day.countByMethod[row.method] += row.n;
    day.amountByMethod[row.method] += amount;
    count += row.n;
    methods[row.method].count += row.n;
    if (CAPTURED.has(row.status)) {
      day.capturedMinor += amount;
      day.refundedMinor += refunded;
      captured += row.n;
      capturedMinor += amount;
      refundedMinor += refunded;
      methods[row.method].captured += row.n;
      methods[row.method].capturedMinor += amount;
    }
    if (ENDED_UNPAID.has(row.status)) {
      endedUnpaid += row.n;
      methods[row.method].endedUnpaid += row.n;
    }
  }
  const rate = (part: number, whole: number) => (whole === 0 ? null : part / whole);
  return {
    from: input.from,
    to: input.to,
    interval,
    days: [...days.values()],
    totals: {
      count,
      captured,
      capturedMinor,
      refundedMinor,
      attempts,
      successRate: rate(captured, captured + endedUnpaid),
      successRateByAttempt: rate(captured, attempts),
      refundRate: rate(refundedMinor, capturedMinor),
    },
    byMethod: PAYMENT_METHODS.map((method) => ({
      method,
      count: methods[method].count,
      captured: methods[method].captured,
      capturedMinor: methods[method].capturedMinor,
      attempts: methods[method].attempts,
      successRate: rate(methods[method].captured, methods[method].captured + methods[method].endedUnpaid),
      successRateByAttempt: rate(methods[method].captured, methods[method].attempts),
    })),
  };
}
const DAY_MS = 86_400_000;

/** The first day of the week period `day` falls in: its Monday, or `from` for the range's first days. */
function periodStartOf(day: string, from: string): string {
  const t = Date.parse(`${day}T00:00:00Z`);
  const monday = new Date(t - ((new Date(t).getUTCDay() + 6) % 7) * DAY_MS).toISOString().slice(0, 10);
  return monday < from ? from : monday;
}

/** The first day of each period from `from` to `to`: every day, or `from` and then each Monday. */
export function periodStarts(from: string, to: string, interval: ReportInterval): string[] {
  const starts: string[] = [];
  const end = Date.parse(`${to}T00:00:00Z`);
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= end; t += DAY_MS) {
    const isMonday = new Date(t).getUTCDay() === 1;
    if (interval === "day" || starts.length === 0 || isMonday) starts.push(new Date(t).toISOString().slice(0, 10));
  }
  return starts;
}

export type PaymentReport = Awaited<ReturnType<typeof paymentReport>>;
