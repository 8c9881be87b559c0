import type { FastifyPluginCallback } from "fastify";
import { getDb } from "@/server/db/client";
import { handleGatewayNotification } from "@/server/flows/gateway-notification";

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
 */
const paymentNotify: FastifyPluginCallback = (app, _options, done) => {
  // Encapsulated: this parser applies to this route only.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser("*", { parseAs: "string", bodyLimit: MAX_BODY_BYTES }, (_request, body, parsed) => parsed(null, body));
  app.post("/api/payments/notify", { bodyLimit: MAX_BODY_BYTES }, async (request, reply) => {
    const rawBody = typeof request.body === "string" ? request.body : "";
    const result = await handleGatewayNotification(getDb(), { headers: webHeaders(request.headers), rawBody });
    return reply.code(result.status).send(result.body);
  });
  done();
};

// Not wrapped in fastify-plugin: the raw-body parser must stay inside this context.
export default paymentNotify;
