import { because } from "@/lib/audit-reasons";
import { setTimeout as delay } from "node:timers/promises";
import type { Database } from "@/server/db/client";
import {
  appendPaymentLog,
  findIdempotentResponse,
  findPayment,
  toShopperPayment,
  type PayResult,
  type PaymentActor,
  type PaymentProvider,
} from "@/server/domain/payment";
import { payOutcomeOf } from "./pay-attempt";
import { ATTEMPT_IN_FLIGHT_MS, resolveProcessingPayment } from "./resolve-processing-payment";

/**
 * What a pay attempt stores under its idempotency key: `inFlight` from the moment the attempt
 * is committed (phase 1) until its gateway answer is recorded (phase 3).
 */
export type StoredPayResponse = { paymentId: string; outcome: PayResult["outcome"]; chargeKey?: string; inFlight?: boolean };

const POLL_MS = 50;

/**
 * A retry of the very same pay request (same idempotency key and parameters) returns what the
 * first one got. While the first is still at the gateway, the retry waits for its answer — by
 * polling its key with a deadline, since no lock is held during the gateway call — rather than
 * racing it; if the recorded outcome is "processing" (a lost answer), the retry asks the
 * provider for the truth.
 */
export async function replayPayAnswer(
  db: Database,
  {
    paymentId,
    stored,
    idempotency,
    request,
    by,
    provider,
  }: { paymentId: string; stored: StoredPayResponse; idempotency: { scope: string; key: string | undefined }; request: unknown; by: PaymentActor; provider: PaymentProvider },
): Promise<PayResult> {
  await appendPaymentLog(db, { kind: "idempotent_replay", by, paymentId, message: `pay replayed (${stored.outcome})`, data: { idempotencyKey: idempotency.key } });
  let answer = stored;
  for (const deadline = Date.now() + ATTEMPT_IN_FLIGHT_MS; answer.inFlight && Date.now() < deadline; ) {
    const payment = await findPayment(db, paymentId);
    // The attempt's payment moved on (a cancel won, say): its answer will not be recorded.
    if (payment?.status !== "processing" || payment.currentChargeKey !== answer.chargeKey) break;
    await delay(POLL_MS);
    answer = (await findIdempotentResponse<StoredPayResponse>(db, { ...idempotency, request })) ?? answer;
  }
  let payment = (await findPayment(db, paymentId))!;
  let outcome = answer.outcome;
  if (outcome === "processing") {
    // The first answer was lost in an ambiguous timeout: the retry asks the provider for the truth.
    if (payment.status === "processing") await resolveProcessingPayment(db, { paymentId, by: { actor: "gateway", reason: because("payment.idempotent_retry") }, provider });
    payment = (await findPayment(db, paymentId))!;
    outcome = payOutcomeOf(payment);
  }
  return { payment: toShopperPayment(payment), outcome, replayed: true };
}
