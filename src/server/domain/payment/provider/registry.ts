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
type Cached = { url: string; db: Database; end: () => Promise<void> };
const globalForGateway = globalThis as unknown as { __shopflowGatewayDb?: Cached; __shopflowPaymentProvider?: PaymentProvider | null };

export function getGatewayDb(): Database {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL is not set");
  const cached = globalForGateway.__shopflowGatewayDb;
  if (cached && cached.url === url) return cached.db;
  const created = createDatabase(url, 4, "payment-simulator");
  globalForGateway.__shopflowGatewayDb = { url, db: created.db, end: () => created.sql.end({ timeout: 5 }) };
  return created.db;
}

/** Closes the gateway's pool (tests and scripts, at the end). */
export async function closeGatewayDb(): Promise<void> {
  const cached = globalForGateway.__shopflowGatewayDb;
  globalForGateway.__shopflowGatewayDb = undefined;
  await cached?.end();
}

/** The provider every payment flow uses unless one is passed in explicitly. */
export function getPaymentProvider(): PaymentProvider {
  globalForGateway.__shopflowPaymentProvider ??= createSimulatedGateway({ db: getGatewayDb() });
  return globalForGateway.__shopflowPaymentProvider;
}

/** Replaces the process-wide provider (tests and tools); `null` restores the default. */
export function setPaymentProvider(provider: PaymentProvider | null): void {
  globalForGateway.__shopflowPaymentProvider = provider;
}
