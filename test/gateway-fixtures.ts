import type { FastifyInstance } from "fastify";
import { buildGateway, type GatewayOptions } from "@/gateway/build-gateway";

let gateway: Promise<FastifyInstance> | undefined;

/** One gateway per test file, built as production builds it (no Next behind it, no load shedding). */
export function testGateway(): Promise<FastifyInstance> {
  gateway ??= buildGateway({ schedulerMode: "off", loadShedding: false });
  return gateway;
}

/**
 * Hands a Web Request to the gateway in-process (Fastify's inject: the whole plugin chain and
 * the real handlers, no socket) and returns its answer as a Web Response.
 */
export async function gatewayFetch(request: Request): Promise<Response> {
  const app = await testGateway();
  const url = new URL(request.url);
  const body = request.body ? Buffer.from(await request.arrayBuffer()) : undefined;
  const answer = await app.inject({
    method: request.method as "GET",
    url: url.pathname + url.search,
    headers: Object.fromEntries(request.headers),
    payload: body,
  });
  const headers = new Headers();
  for (const [name, value] of Object.entries(answer.headers)) {
    if (Array.isArray(value)) for (const item of value) headers.append(name, item);
    else if (value !== undefined) headers.set(name, String(value));
  }
  return new Response(answer.statusCode === 204 || answer.statusCode === 304 ? null : new Uint8Array(answer.rawPayload), { status: answer.statusCode, headers });
}

/** A gateway listening on a free loopback port, for tests that speak real HTTP to it. */
export async function listenGateway(options: Pick<GatewayOptions, "rateLimit"> = {}): Promise<{ base: string; close: () => Promise<void> }> {
  const app = await buildGateway({ schedulerMode: "off", loadShedding: false, ...options });
  const base = await app.listen({ port: 0, host: "127.0.0.1" });
  return { base, close: () => app.close() };
}
