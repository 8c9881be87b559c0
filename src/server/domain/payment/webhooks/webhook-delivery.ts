import {
  BrokenCircuitError,
  ConsecutiveBreaker,
  ExponentialBackoff,
  TimeoutStrategy,
  circuitBreaker,
  handleAll,
  handleWhen,
  retry,
  timeout,
  wrap,
  type CircuitBreakerPolicy,
} from "cockatiel";
import { and, asc, eq, inArray, lte } from "drizzle-orm";
import type { Database } from "@/server/db/client";
import { webhookAttempts, webhookDeliveries, webhookEndpoints } from "@/server/db/schema";
import { postToTarget } from "@/server/http/outbound-request";
import { describeRefusal, type OutboundCheck, type Resolver } from "@/server/http/outbound-url";
import { appendPaymentLog } from "../payment-log";
import { signMessage } from "../signature";
import { checkWebhookUrl } from "./webhook-url";

/**
 * Delivers merchant webhooks at least once. Policies come from cockatiel (a well-kept
 * resilience library): each HTTP try has a timeout, a few quick retries with exponential
 * backoff happen in the same pass, and a circuit breaker per endpoint stops hammering one
 * that is down. When a pass gives up, the durable retry state (`next_attempt_at`, growing
 * exponentially) lives in the deliveries table, so a crash or restart loses nothing.
 * Before each pass the endpoint's URL is checked again against its current DNS answer
 * (webhook-url.ts) and the pass connects only to the address that was checked.
 */
export const WEBHOOK_HEADERS = {
  timestamp: "x-shopflow-timestamp",
  signature: "x-shopflow-signature",
  eventId: "x-shopflow-event-id",
  eventType: "x-shopflow-event-type",
  attempt: "x-shopflow-delivery-attempt",
} as const;

/** After this many HTTP attempts a delivery is marked failed (an admin can still resend it). */
export const WEBHOOK_MAX_ATTEMPTS = 15;
const LEASE_SECONDS = 120;

/** Seconds until the next pass after `attempts` failed tries: 10 s, 20 s, 40 s … capped at one hour. */
export function webhookRetryDelaySeconds(attempts: number): number {
  return Math.min(3600, 10 * 2 ** Math.max(0, attempts - 1));
}

class HttpStatusError extends Error {
  constructor(readonly status: number) {
    super(`HTTP ${status}`);
  }
}

const breakers = new Map<string, CircuitBreakerPolicy>();
function breakerFor(endpointId: string): CircuitBreakerPolicy {
  let breaker = breakers.get(endpointId);
  if (!breaker) {
    breaker = circuitBreaker(handleAll, { halfOpenAfter: 30_000, breaker: new ConsecutiveBreaker(5) });
    breakers.set(endpointId, breaker);
  }
  return breaker;
}

/** Forgets circuit state (tests). */
export function resetWebhookCircuits(): void {
  breakers.clear();
}

export type WebhookDeliveryOptions = {
  db: Database;
  now: Date;
  /** Per-try timeout. */
  timeoutMs?: number;
  /** Quick retries inside one pass (cockatiel), before falling back to the durable schedule. */
  quickRetries?: number;
  limit?: number;
  /** Only these deliveries (tests driving one scenario). */
  deliveryIds?: string[];
  /** Replaces DNS (tests playing a rebinding name server). */
  resolve?: Resolver;
};

/** Sends due deliveries (claimed with FOR UPDATE SKIP LOCKED and a lease). Idempotent and safe to run concurrently. */
export async function deliverDueWebhooks({ db, now, timeoutMs = 5000, quickRetries = 2, limit = 20, deliveryIds, resolve }: WebhookDeliveryOptions): Promise<{ processed: number; delivered: number }> {
  const due = db
    .select({ id: webhookDeliveries.id })
    .from(webhookDeliveries)
    .where(and(eq(webhookDeliveries.status, "pending"), lte(webhookDeliveries.nextAttemptAt, now), deliveryIds ? inArray(webhookDeliveries.id, deliveryIds) : undefined))
    .orderBy(asc(webhookDeliveries.nextAttemptAt))
    .limit(limit)
    .for("update", { skipLocked: true });
  const claimed = await db
    .update(webhookDeliveries)
    .set({ nextAttemptAt: new Date(now.getTime() + LEASE_SECONDS * 1000) })
    .where(inArray(webhookDeliveries.id, due))
    .returning();

  let delivered = 0;
  for (const delivery of claimed) {
    const [endpoint] = await db.select().from(webhookEndpoints).where(eq(webhookEndpoints.id, delivery.endpointId));
    if (!endpoint) continue; // deleted meanwhile: its deliveries went with it (cascade)
    let attempts = delivery.attempts;
    let lastStatusCode: number | null = delivery.lastStatusCode;
    let lastError: string | null = null;
    const recordAttempt = async (statusCode: number | null, latencyMs: number, error: string | null) => {
      lastStatusCode = statusCode;
      lastError = error;
      await db.insert(webhookAttempts).values({ deliveryId: delivery.id, attemptNo: attempts, statusCode, latencyMs, error });
      await appendPaymentLog(db, {
        kind: "webhook_attempt",
        by: { actor: "system" },
        paymentId: delivery.paymentId,
        refundId: delivery.refundId,
        message: `${delivery.eventType} → ${endpoint.url}`,
        data: { deliveryId: delivery.id, attemptNo: attempts, statusCode, latencyMs, error },
      });
    };

    // Where this pass may connect: refused (or unresolvable) means an attempt with no request sent.
    const checkStarted = performance.now();
    const check = await checkWebhookUrl(endpoint.url, { resolve, signal: AbortSignal.timeout(timeoutMs) }).catch(() => null);
    if (!check?.ok) {
      attempts += 1;
      await recordAttempt(null, Math.round(performance.now() - checkStarted), notSentReason(check, timeoutMs));
      await scheduleRetry(db, { deliveryId: delivery.id, now, attempts, lastStatusCode, lastError });
      continue;
    }
    const target = check.target;

    const policy = wrap(
      retry(
        handleWhen((error) => !(error instanceof BrokenCircuitError)),
        { maxAttempts: quickRetries, backoff: new ExponentialBackoff({ initialDelay: 100, maxDelay: 2000 }) },
      ),
      breakerFor(endpoint.id),
      // Cooperative: the try ends when fetch honours the abort, so its attempt row is written before the next try.
      timeout(timeoutMs, TimeoutStrategy.Cooperative),
    );

    const body = JSON.stringify(delivery.payload);
    let ok = false;
    try {
      await policy.execute(async ({ signal }) => {
        attempts += 1;
        const signed = signMessage(endpoint.secret, body);
        const started = performance.now();
        let statusCode: number | null = null;
        let error: string | null = null;
        try {
          // To the checked address only; redirects are not followed (a 3xx is a failed try).
          statusCode = await postToTarget(target, {
            headers: {
              "content-type": "application/json",
              "user-agent": "shopflow-webhooks/1",
              [WEBHOOK_HEADERS.timestamp]: signed.timestamp,
              [WEBHOOK_HEADERS.signature]: signed.signature,
              [WEBHOOK_HEADERS.eventId]: delivery.eventId,
              [WEBHOOK_HEADERS.eventType]: delivery.eventType,
              [WEBHOOK_HEADERS.attempt]: String(attempts),
            },
            body,
            signal,
          });
          if (statusCode < 200 || statusCode >= 300) throw new HttpStatusError(statusCode);
        } catch (cause) {
          if (!(cause instanceof HttpStatusError)) error = signal.aborted ? `timeout after ${timeoutMs} ms` : cause instanceof Error ? cause.message : String(cause);
          else error = cause.message;
          throw cause;
        } finally {
          await recordAttempt(statusCode, Math.round(performance.now() - started), error);
        }
      });
      ok = true;
    } catch (error) {
      if (error instanceof BrokenCircuitError) lastError = "circuit open: endpoint failing, will retry later";
    }

    if (ok) {
      delivered++;
      await db
        .update(webhookDeliveries)
        .set({ status: "delivered", attempts, lastStatusCode, lastError: null, deliveredAt: new Date() })
        .where(eq(webhookDeliveries.id, delivery.id));
    } else {
      await scheduleRetry(db, { deliveryId: delivery.id, now, attempts, lastStatusCode, lastError });
    }
  }
  return { processed: claimed.length, delivered };
}

/** The attempt's error when the URL check stopped a pass before any request. */
function notSentReason(check: Extract<OutboundCheck, { ok: false }> | null, timeoutMs: number): string {
  if (!check) return `DNS lookup timed out after ${timeoutMs} ms`;
  const reason = describeRefusal(check.refusal);
  return check.refusal.reason === "unresolvable" ? reason : `refused, not sent: ${reason}`;
}

/** After a pass that did not deliver: due again after the durable backoff, or failed after the last attempt. */
async function scheduleRetry(
  db: Database,
  { deliveryId, now, attempts, lastStatusCode, lastError }: { deliveryId: string; now: Date; attempts: number; lastStatusCode: number | null; lastError: string | null },
): Promise<void> {
  await db
    .update(webhookDeliveries)
    .set({
      status: attempts >= WEBHOOK_MAX_ATTEMPTS ? "failed" : "pending",
      attempts,
      lastStatusCode,
      lastError,
      nextAttemptAt: new Date(now.getTime() + webhookRetryDelaySeconds(Math.max(1, attempts)) * 1000),
    })
    .where(eq(webhookDeliveries.id, deliveryId));
}
