import type { FastifyPluginCallback } from "fastify";
import { getDb } from "@/server/db/client";
import { handleGatewayNotification } from "@/server/flows/gateway-notification";
import { apiSettings, sharedCounters } from "@/server/rate-limit";
import { rateLimitedBody, rateLimitedContentType } from "../rate-limit";

export type PaymentNotifyOptions = {
  /** Refused notifications allowed per address and minute; default: the API allowance (Admin → Settings → API). */
  refusedPerMinute?: () => number | Promise<number>;
};

const REFUSED_WINDOW_MS = 60_000;
const refusedKey = (address: string) => `notify-refused:${address}`;

const MAX_BODY_BYTES = 64 * 1024;

/** Fastify's raw headers as the Web `Headers` the notification flow verifies signatures from. */
function webHeaders(raw: Record<string, string | string[] | undefined>): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(raw)) {
    if (Array.isArray(value)) for (const item of value) headers.append(name, item);
    else if (value !== undefined) headers.set(name, value);
  }
  return headers;
}

/**
 * Payment gateway notifications (server to server), authenticated by their HMAC signature, not
 * by a session. The body is kept as the exact bytes received, whatever its content type, and
 * verified byte for byte before anything is parsed; more than 64 KB is refused with 413.
 * Notifications refused for their signature count against the address; past the allowance the
 * address is answered 429 with Retry-After until its minute is over.
 */
const paymentNotify: FastifyPluginCallback<PaymentNotifyOptions> = (app, options, done) => {
  const refusedPerMinute = options.refusedPerMinute ?? (async () => (await apiSettings.get(getDb())).requestsPerMinute);
  // Encapsulated: this parser applies to this route only.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser("*", { parseAs: "string", bodyLimit: MAX_BODY_BYTES }, (_request, body, parsed) => parsed(null, body));
  app.post("/api/payments/notify", { bodyLimit: MAX_BODY_BYTES }, async (request, reply) => {
    // The provider's notifications are not counted against the API allowance (rate-limit
    // plugin); an address whose notifications keep failing verification is refused a while,
    // so the endpoint cannot be used to try signatures at the rate of the network.
    const refused = await sharedCounters().inspect(refusedKey(request.ip));
    if (refused.count >= (await refusedPerMinute()) && refused.resetMs > 0) {
      const wait = Math.max(1, Math.ceil(refused.resetMs / 1000));
      return reply.code(429).header("retry-after", wait).header("cache-control", "no-store").type(rateLimitedContentType(request)).send(rateLimitedBody(request, wait));
    }
    const rawBody = typeof request.body === "string" ? request.body : "";
    const result = await handleGatewayNotification(getDb(), { headers: webHeaders(request.headers), rawBody });
    if (result.status === 401) await sharedCounters().consume(refusedKey(request.ip), REFUSED_WINDOW_MS);
    return reply.code(result.status).send(result.body);
  });
  done();
};

// Not wrapped in fastify-plugin: the raw-body parser must stay inside this context.
export default paymentNotify;
