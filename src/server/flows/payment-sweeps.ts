import {
  deliverDueWebhooks,
  deliverGatewayNotifications,
  nextGatewayNotificationDueAt,
  nextGatewayRefundDueAt,
  purgeExpiredIdempotencyKeys,
  settleDueGatewayRefunds,
} from "@/server/domain/payment";
import type { Sweep } from "@/server/scheduler/sweep";
import { driveChargeReversals } from "./charge-reversal";
import { reconcileGatewayLedger } from "./reconcile-gateway-ledger";
import { resolveStuckRefunds, submitApprovedRefunds } from "./refund-submit";
import { resolveStuckPayments } from "./resolve-processing-payment";

/**
 * The payment module's background work. Every sweep is idempotent and claims its rows
 * (FOR UPDATE SKIP LOCKED or a try-lock), so running it late, twice or on two instances
 * does each item once.
 */
export const PAYMENT_SWEEPS: Sweep[] = [
  {
    id: "payment-gateway-refunds",
    description: "Simulated gateway: settle refunds whose delay has passed and queue their notifications",
    // Woken when a refund is requested and when the next one falls due; the cron is the safety poll.
    cron: "*/30 * * * * *",
    run: async ({ db, now }) => settleDueGatewayRefunds({ db, now }),
    wake: { queue: "gateway-refunds", nextDueAt: nextGatewayRefundDueAt },
  },
  {
    id: "payment-gateway-notifications",
    description: "Simulated gateway: deliver queued notifications to /api/payments/notify (signed, retried with backoff)",
    // Woken when a notification is queued and when a retry falls due; the cron is the safety poll.
    cron: "*/30 * * * * *",
    run: async ({ db, now }) => {
      const result = await deliverGatewayNotifications({ db, now });
      return { processed: result.processed, details: { delivered: result.delivered } };
    },
    wake: { queue: "gateway-notifications", nextDueAt: nextGatewayNotificationDueAt },
  },
  {
    id: "payment-refund-submission",
    description: "Submit approved refunds to the gateway (those a crash or a lost answer left behind), and drive automatic refunds of charges captured for closed payments",
    cron: "*/10 * * * * *",
    run: async ({ db, now }) => {
      const result = await submitApprovedRefunds({ db, now: new Date(now.getTime() - 5_000) });
      const reversals = await driveChargeReversals({ db, now });
      return {
        processed: result.processed + reversals.processed,
        details: { submitted: result.submitted, reversalsSubmitted: reversals.submitted, reversalsSettled: reversals.settled },
      };
    },
  },
  {
    id: "payment-webhooks",
    description: "Deliver merchant webhooks (signed, at least once, exponential backoff)",
    cron: "*/5 * * * * *",
    run: async ({ db, now }) => {
      const result = await deliverDueWebhooks({ db, now });
      return { processed: result.processed, details: { delivered: result.delivered } };
    },
  },
  {
    id: "payment-reconciliation",
    description: "Resolve payments and refunds stuck after lost answers, heal the gateway ledger (overdue payment windows close in lifecycle-reconciliation)",
    cron: "*/30 * * * * *",
    run: async ({ db, now }) => {
      const payments = await resolveStuckPayments({ db, now });
      const refunds = await resolveStuckRefunds({ db, now });
      const ledger = await reconcileGatewayLedger({ db, now });
      return {
        processed: payments.processed + refunds.processed + ledger.processed,
        details: { paymentsResolved: payments.resolved, refundsResolved: refunds.resolved, ledgerHealed: ledger.healed, ledgerReversed: ledger.reversed, ledgerAnomalies: ledger.anomalies },
      };
    },
  },
  {
    id: "payment-idempotency-cleanup",
    description: "Forget idempotency keys past their retention (48 h)",
    cron: "0 17 * * * *",
    run: async ({ db, now }) => ({ processed: await purgeExpiredIdempotencyKeys(db, now) }),
  },
];
