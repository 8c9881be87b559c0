import { CLIENT_NAMESPACES, pickMessages, type ClientGroup } from "./client-namespaces";
import type { Locale } from "./config";
import { MESSAGES, type Messages } from "./messages";

export { CLIENT_NAMESPACES, type ClientGroup } from "./client-namespaces";

const cache = new Map<string, Messages>();

/** The part of the catalog a route group's client components read, in one language. */
export function clientMessages(locale: Locale, group: ClientGroup): Messages {
  const key = `${locale}:${group}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const messages = pickMessages(MESSAGES[locale], CLIENT_NAMESPACES[group]);
  cache.set(key, messages);
  return messages;
}
