import { DomainError } from "@/server/errors";
import { parseAllowList, type AllowList } from "@/server/http/outbound-allow-list";
import { checkOutboundUrl, describeRefusal, type OutboundCheck, type Resolver } from "@/server/http/outbound-url";

/**
 * Where merchant webhooks may go. An admin account must not be able to make the server POST to
 * its own network (PostgreSQL on 127.0.0.1:5432, the cloud metadata service, the office LAN), so
 * URLs are checked when an endpoint is saved and again before every delivery, against the
 * resolved addresses. `WEBHOOK_ALLOWED_HOSTS` (an operator setting, not an admin one: whoever can
 * change it owns the network anyway) lists the exceptions for local demos.
 */
let memo: { raw: string | undefined; list: AllowList } | undefined;

/** The parsed `WEBHOOK_ALLOWED_HOSTS`. src/env.ts refuses a malformed value at start; read per call so tests can set it. */
export function webhookAllowList(): AllowList {
  const raw = process.env.WEBHOOK_ALLOWED_HOSTS;
  if (!memo || memo.raw !== raw) {
    const parsed = parseAllowList(raw);
    memo = { raw, list: parsed.ok ? parsed.list : [] };
  }
  return memo.list;
}

/** How long saving an endpoint waits for DNS before giving the name the benefit of the doubt. */
const REGISTRATION_LOOKUP_MS = 3000;

/** Checks a webhook URL for delivery: the target to connect to, or why not. */
export function checkWebhookUrl(url: string, options: { resolve?: Resolver; signal?: AbortSignal } = {}): Promise<OutboundCheck> {
  return checkOutboundUrl(url, { allowList: webhookAllowList(), ...options });
}

/**
 * Refuses (400, field `url`) a URL whose scheme, credentials or addresses are not allowed. A name
 * that does not resolve (yet) is accepted: every delivery checks again before it connects.
 */
export async function assertWebhookUrlAllowed(url: string, resolve?: Resolver): Promise<void> {
  let check: OutboundCheck;
  try {
    check = await checkWebhookUrl(url, { resolve, signal: AbortSignal.timeout(REGISTRATION_LOOKUP_MS) });
  } catch {
    return; // DNS too slow to answer: delivery decides
  }
  if (check.ok || check.refusal.reason === "unresolvable") return;
  const message = `This URL cannot receive webhooks: ${describeRefusal(check.refusal)}`;
  throw new DomainError(check.refusal.reason === "blocked" ? "WEBHOOK_URL_BLOCKED" : "WEBHOOK_URL_INVALID", message, { url: [message] });
}
