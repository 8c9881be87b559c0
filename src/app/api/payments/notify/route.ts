import { getDb } from "@/server/db/client";
import { handleGatewayNotification } from "@/server/flows/gateway-notification";
import { requestIdFrom, runWithRequestContext } from "@/server/observability/request-context";

const MAX_BODY_BYTES = 64 * 1024;

/**
 * Gateway notifications (server to server). Authenticated by the HMAC signature, not by a
 * session; the proxy lets it through its same-origin check for that reason. The raw body is
 * verified byte for byte before anything is parsed.
 */
export async function POST(req: Request): Promise<Response> {
  const requestId = requestIdFrom(req.headers);
  return runWithRequestContext({ requestId }, async () => {
    const rawBody = await req.text();
    if (Buffer.byteLength(rawBody) > MAX_BODY_BYTES) {
      return Response.json({ ok: false, error: "too_large" }, { status: 413, headers: { "x-request-id": requestId } });
    }
    const result = await handleGatewayNotification(getDb(), { headers: req.headers, rawBody });
    return Response.json(result.body, { status: result.status, headers: { "x-request-id": requestId } });
  });
}
