import { createDatabase, type Database } from "@/server/db/client";
import { createSimulatedGateway } from "../simulator/simulated-gateway";
import type { PaymentProvider } from "./payment-provider";

/**
 * Picks the payment provider. Today there is one, the simulated gateway; a real provider
 * would be chosen here (by configuration) and nothing else would change.
 *
 * The simulated gateway gets its own small connection pool: it stands for another company's
 * service, and a shop transaction that holds a lock while calling it must never wait for a
 * connection the gateway needs.
 */
type GatewayPool = { url: string; db: Database; end: () => Promise<void> };
let gatewayPool: GatewayPool | undefined;
let provider: PaymentProvider | undefined;

export function getGatewayDb(): Database {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL is not set");
  if (gatewayPool?.url === url) return gatewayPool.db;
  void gatewayPool?.end();
  const created = createDatabase(url, 4, "payment-simulator");
  gatewayPool = { url, db: created.db, end: () => created.sql.end({ timeout: 5 }) };
  return created.db;
}

/** Closes the gateway's pool (tests and scripts, at the end). */
export async function closeGatewayDb(): Promise<void> {
  const closing = gatewayPool;
  gatewayPool = undefined;
  await closing?.end();
}

/** The provider every payment flow uses unless one is passed in explicitly. */
export function getPaymentProvider(): PaymentProvider {
  provider ??= createSimulatedGateway({ db: getGatewayDb() });
  return provider;
}

/** Replaces the process-wide provider (tests and tools); `null` restores the default. */
export function setPaymentProvider(replacement: PaymentProvider | null): void {
  provider = replacement ?? undefined;
}

// `next dev` (Turbopack) re-evaluates this module on edits; the replaced copy closes its pool.
(import.meta as ImportMeta & { turbopackHot?: { dispose(callback: () => void): void } }).turbopackHot?.dispose(() => void closeGatewayDb());
