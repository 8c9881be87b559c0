import type { FastifyPluginCallback, FastifyRequest } from "fastify";
import fp from "fastify-plugin";
import { getSessionFromCookieHeader } from "@/server/auth/session";
import type { SessionUser } from "@/server/domain/user";
import { setRequestUser } from "@/server/observability/request-context";

declare module "fastify" {
  interface FastifyRequest {
    /** The signed-in user of an /api request, null when anonymous (pages leave this to Next). */
    session: SessionUser | null;
    /**
     * Why the session could not be read (e.g. the database is down), kept for the handler to
     * answer in its own error shape instead of failing here with a bare 500.
     */
    sessionError?: unknown;
  }
}

/** Only API calls need to know the caller here: pages are authenticated by Next itself. */
const needsIdentity = (request: FastifyRequest) => request.url.startsWith("/api/");

/**
 * Who is calling, before routing: the session cookie's user (the same next-auth token and
 * server-side session row the pages check). The rate limiter keys on it, the access log and
 * audit rows name it, and the tRPC context reuses it instead of reading the cookie again.
 */
const identity: FastifyPluginCallback = (app, _options, done) => {
  app.decorateRequest("session", null);
  app.addHook("onRequest", async (request) => {
    if (!needsIdentity(request) || !request.headers.cookie) return;
    try {
      request.session = await getSessionFromCookieHeader(request.headers.cookie);
    } catch (error) {
      request.sessionError = error;
      return;
    }
    if (request.session) {
      request.identity = { userId: request.session.id, role: request.session.role };
      setRequestUser(request.session.id);
    }
  });
  done();
};

export default fp(identity, { name: "shopflow-identity", dependencies: ["shopflow-request-context"], fastify: "5.x" });
