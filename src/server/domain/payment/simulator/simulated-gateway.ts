import { randomBytes } from "node:crypto";
import { and, desc, eq, gte, inArray, lt, ne, sql } from "drizzle-orm";
import type { Database } from "@/server/db/client";
import { gatewayCharges, gatewayNotifications, gatewayRefunds } from "@/server/db/schema";
import type {
  CreateChargeInput,
  CreateRefundInput,
  PaymentProvider,
  ProviderCharge,
  ProviderRefund,
} from "../provider/payment-provider";
import { ProviderRejectedError, ProviderTimeoutError } from "../provider/payment-provider";
import { isQrMethod, type PaymentMethod } from "../payment.machine";
import { gatewaySecret } from "./gateway-secret";
import { chargeNotificationRow, verifyGatewayNotification } from "./gateway-notifications";
import { loadSimulatorConfig, randomFor, type SimulatorConfig } from "./simulator-config";
import { DECLINE_MESSAGES, forcedOutcomeFor, normaliseCardNumber, type DeclineCode } from "./test-cards";

/**
 * The simulated payment gateway. It behaves like a real one: its own ledger (the `gateway`
 * schema), latency, a configurable approval rate, forced outcomes for test cards, QR charges
 * that wait for a scan on the payer's phone, asynchronous refunds, signed notifications and
 * an "ambiguous timeout" fault (it charges, then the answer is lost).
 *
 * It runs on its own connection pool, like a separate service would, so a shop transaction
 * that holds a row lock while it calls the gateway can never starve the gateway of connections.
 */
export type SimulatedGatewayOptions = {
  db: Database;
  /** Defaults to the live payment/simulation settings. */
  config?: () => Promise<SimulatorConfig>;
  secret?: string;
  /** Waits out simulated latency; tests pass a no-op. */
  sleep?: (ms: number) => Promise<void>;
};

type ChargeRow = typeof gatewayCharges.$inferSelect;
type RefundRow = typeof gatewayRefunds.$inferSelect;

const newId = (prefix: string) => `${prefix}_${randomBytes(12).toString("hex")}`;

/**
 * Inserts a new charge and, if it is settled, the notification that reports it, in ONE
 * statement (the notification's insert reads the charge's RETURNING, so it is written only with
 * a charge actually inserted, and both or neither commit). False when the charge key was known.
 */
async function insertChargeWithNotification(db: Database, row: typeof gatewayCharges.$inferInsert & { id: string }): Promise<boolean> {
  const insertCharge = db.insert(gatewayCharges).values(row).onConflictDoNothing({ target: gatewayCharges.chargeKey }).returning({ id: gatewayCharges.id });
  const notification = chargeNotificationRow({ ...row, failureCode: row.failureCode ?? null, failureMessage: row.failureMessage ?? null });
  if (!notification) return (await insertCharge).length > 0;
  const inserted = (await db.execute(sql`
    with inserted as (${insertCharge.getSQL()}),
    queued as (
      insert into ${gatewayNotifications} (id, type, payload)
      select ${notification.id}, ${notification.type}, ${JSON.stringify(notification.payload)}::jsonb from inserted)
    select id from inserted`)) as unknown as { id: string }[];
  return inserted.length > 0;
}

export function toProviderCharge(
  row: Pick<ChargeRow, "id" | "chargeKey" | "merchantRef" | "amountMinor" | "currency" | "method" | "status" | "failureCode" | "failureMessage" | "qrToken" | "cardLast4" | "settledAt">,
): ProviderCharge {
  return {
    chargeId: row.id,
    chargeKey: row.chargeKey,
    merchantRef: row.merchantRef,
    amountMinor: row.amountMinor,
    currency: row.currency,
    method: row.method,
    status: row.status,
    failureCode: row.failureCode,
    failureMessage: row.failureMessage,
    qrToken: row.qrToken,
    cardLast4: row.cardLast4,
    settledAt: row.settledAt,
  };
}

function toProviderRefund(row: RefundRow): ProviderRefund {
  return {
    refundId: row.id,
    refundKey: row.refundKey,
    chargeId: row.chargeId,
    amountMinor: row.amountMinor,
    currency: row.currency,
    status: row.status,
    failureCode: row.failureCode,
    failureMessage: row.failureMessage,
    settledAt: row.settledAt,
  };
}

type Decision = { status: "succeeded" | "failed" | "pending"; failureCode: DeclineCode | null; loseResponse: boolean };

/** Decides a charge's outcome: forced by a test card, else drawn from the seeded stream. */
export function decideCharge(config: SimulatorConfig, input: Pick<CreateChargeInput, "merchantRef" | "attempt" | "method" | "card">): Decision {
  const random = randomFor(config, "payment", input.merchantRef, input.attempt);
  const approved = random() * 100 < config.successPercent(input.method);
  const declineDraw = random();
  const loseResponse = random() * 100 < config.ambiguousTimeoutPercent;
  if (isQrMethod(input.method)) return { status: "pending", failureCode: null, loseResponse };
  const forced = input.card ? forcedOutcomeFor(input.card.number) : null;
  if (forced?.kind === "succeed") return { status: "succeeded", failureCode: null, loseResponse };
  if (forced?.kind === "decline") return { status: "failed", failureCode: forced.code, loseResponse };
  if (forced?.kind === "ambiguous_timeout") return { status: "succeeded", failureCode: null, loseResponse: true };
  if (approved) return { status: "succeeded", failureCode: null, loseResponse };
  const codes: DeclineCode[] = input.method === "card" ? ["card_declined", "insufficient_funds"] : ["payment_declined"];
  return { status: "failed", failureCode: codes[Math.floor(declineDraw * codes.length)]!, loseResponse };
}

const defaultSleep = (ms: number) => (ms > 0 ? new Promise<void>((resolve) => setTimeout(resolve, ms)) : Promise.resolve());

export function createSimulatedGateway(options: SimulatedGatewayOptions): PaymentProvider {
  const { db } = options;
  const config = options.config ?? (() => loadSimulatorConfig(db));
  const sleep = options.sleep ?? defaultSleep;
  const secret = () => options.secret ?? gatewaySecret();

  async function latency(cfg: SimulatorConfig, method: PaymentMethod, ...keys: (string | number)[]) {
    const { minMs, maxMs } = cfg.latency(method);
    const random = randomFor(cfg, "latency", ...keys);
    await sleep(Math.round(minMs + random() * (maxMs - minMs)));
  }

  return {
    name: "simulated",

    async createCharge(input) {
      const cfg = await config();
      await latency(cfg, input.method, input.chargeKey);
      const decision = decideCharge(cfg, input);
      const digits = input.card ? normaliseCardNumber(input.card.number) : null;
      const row = {
        id: newId("ch"),
        chargeKey: input.chargeKey,
        merchantRef: input.merchantRef,
        amountMinor: input.amountMinor,
        currency: input.currency,
        method: input.method,
        status: decision.status,
        failureCode: decision.failureCode,
        failureMessage: decision.failureCode ? DECLINE_MESSAGES[decision.failureCode] : null,
        cardLast4: digits ? digits.slice(-4) : null,
        qrToken: decision.status === "pending" ? randomBytes(16).toString("base64url") : null,
        expiresAt: input.expiresAt,
        settledAt: decision.status === "pending" ? null : new Date(),
      } satisfies typeof gatewayCharges.$inferInsert;
      const fresh = await insertChargeWithNotification(db, row);
      if (!fresh) {
        // A retry with a key we already know: the original charge, never a second one.
        const [existing] = await db.select().from(gatewayCharges).where(eq(gatewayCharges.chargeKey, input.chargeKey));
        return toProviderCharge(existing!);
      }
      if (decision.loseResponse) throw new ProviderTimeoutError();
      return toProviderCharge(row);
    },

    async queryCharge(chargeKey) {
      const [row] = await db.select().from(gatewayCharges).where(eq(gatewayCharges.chargeKey, chargeKey));
      return row ? toProviderCharge(row) : null;
    },

    async closeCharge({ chargeKey, merchantRef }) {
      return db.transaction(async (tx) => {
        // A key never seen is closed for good, so a late request with it can never charge.
        await tx
          .insert(gatewayCharges)
          .values({ id: newId("ch"), chargeKey, merchantRef, amountMinor: 0, currency: "", method: "", status: "closed", settledAt: new Date() })
          .onConflictDoNothing({ target: gatewayCharges.chargeKey });
        const [row] = await tx.select().from(gatewayCharges).where(eq(gatewayCharges.chargeKey, chargeKey)).for("update");
        if (row!.status !== "pending") return toProviderCharge(row!);
        const [closed] = await tx
          .update(gatewayCharges)
          .set({ status: "closed", settledAt: new Date() })
          .where(and(eq(gatewayCharges.id, row!.id), eq(gatewayCharges.status, "pending")))
          .returning();
        return toProviderCharge(closed!);
      });
    },

    async createRefund(input: CreateRefundInput) {
      const cfg = await config();
      return db.transaction(async (tx) => {
        const [known] = await tx.select().from(gatewayRefunds).where(eq(gatewayRefunds.refundKey, input.refundKey));
        if (known) return toProviderRefund(known);
        const [charge] = await tx.select().from(gatewayCharges).where(eq(gatewayCharges.chargeKey, input.chargeKey)).for("update");
        if (!charge || charge.status !== "succeeded") throw new ProviderRejectedError("charge_not_refundable", "The charge has not succeeded");
        const [{ held } = { held: 0 }] = await tx
          .select({ held: sql<number>`coalesce(sum(${gatewayRefunds.amountMinor}), 0)::int` })
          .from(gatewayRefunds)
          .where(and(eq(gatewayRefunds.chargeId, charge.id), ne(gatewayRefunds.status, "failed")));
        if (held + input.amountMinor > charge.amountMinor) {
          throw new ProviderRejectedError("amount_too_large", "The refund exceeds the refundable amount of the charge");
        }
        const [row] = await tx
          .insert(gatewayRefunds)
          .values({
            id: newId("re"),
            refundKey: input.refundKey,
            chargeId: charge.id,
            amountMinor: input.amountMinor,
            currency: input.currency,
            status: "pending",
            dueAt: new Date(Date.now() + cfg.refundDelayMs),
          })
          .onConflictDoNothing({ target: gatewayRefunds.refundKey })
          .returning();
        if (row) return toProviderRefund(row);
        const [existing] = await tx.select().from(gatewayRefunds).where(eq(gatewayRefunds.refundKey, input.refundKey));
        return toProviderRefund(existing!);
      });
    },

    async queryRefund(refundKey) {
      const [row] = await db.select().from(gatewayRefunds).where(eq(gatewayRefunds.refundKey, refundKey));
      return row ? toProviderRefund(row) : null;
    },

    async listSucceededCharges({ since, until, limit }) {
      const rows = await db
        .select()
        .from(gatewayCharges)
        .where(and(eq(gatewayCharges.status, "succeeded"), gte(gatewayCharges.settledAt, since), lt(gatewayCharges.settledAt, until)))
        .orderBy(desc(gatewayCharges.settledAt))
        .limit(limit);
      return rows.map(toProviderCharge);
    },

    verifyNotification(input) {
      return verifyGatewayNotification(secret(), input);
    },
  };
}

/** Charges of one merchant reference, for the money-invariant checks and the admin view. */
export async function gatewayChargesFor(db: Database, merchantRefs: string[]) {
  if (merchantRefs.length === 0) return [];
  return db.select().from(gatewayCharges).where(inArray(gatewayCharges.merchantRef, merchantRefs));
}

export { GATEWAY_HEADERS, queueChargeNotification, queueRefundNotification, verifyGatewayNotification } from "./gateway-notifications";
