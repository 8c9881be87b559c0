/**
 * What the gateway's plugins add to each request, in one place so every plugin reads the
 * same names. Fastify's documented way to type decorations is module augmentation.
 */
import "fastify";

/** Who is calling, as far as the gateway could tell before routing (the auth plugin sets it). */
export type RequestIdentity = {
  /** The signed-in user (session cookie) or the API key's owner. */
  userId?: string;
  role?: "shopper" | "admin";
  /** The API key used, if any (its id, never the secret). */
  apiKeyId?: string;
};

declare module "fastify" {
  interface FastifyRequest {
    /** Set once per request by the auth plugin; empty for anonymous callers. */
    identity: RequestIdentity;
    /**
     * The label this request is measured and logged under: the Fastify route pattern, the
     * tRPC procedure(s) for /api/trpc, or "next" for what is proxied to Next.
     */
    routeLabel?: string;
  }
}
