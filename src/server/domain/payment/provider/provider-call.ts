import { TaskCancelledError, TimeoutStrategy, timeout } from "cockatiel";
import { ProviderTimeoutError } from "./payment-provider";

/** How long the shop waits for the gateway before treating the answer as lost. */
export const PROVIDER_TIMEOUT_MS = 15_000;
const providerTimeout = timeout(PROVIDER_TIMEOUT_MS, TimeoutStrategy.Aggressive);

/**
 * Calls the provider under a timeout (cockatiel). When it fires, the request may still be
 * applied at the gateway: callers treat it exactly like a lost response (ProviderTimeoutError)
 * and find the truth later by querying with the same key.
 */
export async function callProvider<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await providerTimeout.execute(() => fn());
  } catch (error) {
    if (error instanceof TaskCancelledError) throw new ProviderTimeoutError();
    throw error;
  }
}
