import { and, eq, sql } from "drizzle-orm";
import type { Database } from "@/server/db/client";
import { gatewayCharges } from "@/server/db/schema";
import type { PaymentMethod } from "../payment.machine";
import type { ProviderCharge } from "../provider/payment-provider";
import { tstz } from "../sql-time";
import { queueChargeNotification, toProviderCharge } from "./simulated-gateway";
import { loadSimulatorConfig, randomFor, type SimulatorConfig } from "./simulator-config";
import { DECLINE_MESSAGES } from "./test-cards";

/**
 * The payer's phone in the simulation: it scans a QR charge and confirms or declines it.
 * This is the wallet app's side of the gateway, so it writes only the gateway's ledger and
 * reports the result to the shop by notification, like Alipay or WeChat Pay would.
 */
export type QrChargeView = {
  merchantRef: string;
  amountMinor: number;
  currency: string;
  method: PaymentMethod;
  status: ProviderCharge["status"];
  failureCode: string | null;
  expiresAt: Date | null;
};

function view(row: typeof gatewayCharges.$inferSelect): QrChargeView {
  return {
    merchantRef: row.merchantRef,
    amountMinor: row.amountMinor,
    currency: row.currency,
    method: row.method as PaymentMethod,
    status: row.status,
    failureCode: row.failureCode,
    expiresAt: row.expiresAt,
  };
}

/** What the phone shows after scanning; null for an unknown code. */
export async function getQrCharge(db: Database, { token }: { token: string }): Promise<QrChargeView | null> {
  const [row] = await db.select().from(gatewayCharges).where(eq(gatewayCharges.qrToken, token));
  return row ? view(row) : null;
}

/**
 * The payer confirms on the phone. The gateway settles the charge (approval rate applies) and
 * queues the notification, in one gateway transaction. Idempotent: a settled charge is returned
 * as it is; an expired one is closed instead.
 */
export async function confirmQrScan(
  db: Database,
  { token, decline = false, config }: { token: string; decline?: boolean; config?: SimulatorConfig },
): Promise<QrChargeView | null> {
  const cfg = config ?? (await loadSimulatorConfig(db));
  return db.transaction(async (tx) => {
    const [row] = await tx.select().from(gatewayCharges).where(eq(gatewayCharges.qrToken, token)).for("update");
    if (!row) return null;
    if (row.status !== "pending") return view(row);
    const [{ expired }] = (await tx.execute(sql`select coalesce(now() >= ${tstz(row.expiresAt)}, false) as expired`)) as unknown as [{ expired: boolean }];
    let next: { status: "succeeded" | "failed" | "closed"; failureCode: "payer_declined" | "payment_declined" | null };
    if (expired) next = { status: "closed", failureCode: null };
    else if (decline) next = { status: "failed", failureCode: "payer_declined" };
    else {
      const approved = randomFor(cfg, "payment", row.merchantRef, row.chargeKey, "scan")() * 100 < cfg.successPercent(row.method as PaymentMethod);
      next = approved ? { status: "succeeded", failureCode: null } : { status: "failed", failureCode: "payment_declined" };
    }
    const [settled] = await tx
      .update(gatewayCharges)
      .set({
        status: next.status,
        failureCode: next.failureCode,
        failureMessage: next.failureCode ? DECLINE_MESSAGES[next.failureCode] : null,
        settledAt: new Date(),
      })
      .where(and(eq(gatewayCharges.id, row.id), eq(gatewayCharges.status, "pending")))
      .returning();
    await queueChargeNotification(tx, settled!);
    return view(settled!);
  });
}

export { toProviderCharge };
