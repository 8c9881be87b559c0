import type { FastifyPluginCallback, FastifyRequest } from "fastify";
import fp from "fastify-plugin";
import { getSessionFromCookieHeader } from "@/server/auth/session";
import { getDb } from "@/server/db/client";
import { authenticateApiKey, type ApiKeyIdentity } from "@/server/domain/api-key";
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
    /** What the API key this request came with may do (none for cookie sessions). */
    apiKeyScope?: ApiKeyIdentity["scope"];
  }
}

const BEARER = /^Bearer\s+(\S+)$/i;

/** Reads are GETs on REST and queries on tRPC (sent as GET); everything else writes. */
const isWrite = (request: FastifyRequest) => request.method !== "GET" && request.method !== "HEAD";

/** Only API calls need to know the caller here: pages are authenticated by Next itself. */
const needsIdentity = (request: FastifyRequest) => request.url.startsWith("/api/");

/**
 * Who is calling, before routing: an API key (`Authorization: Bearer sf_live_…`), else the
 * session cookie's user (the same next-auth token and server-side session row the pages
 * check). The rate limiter keys on it, the access log and audit rows name it, and the tRPC and
 * REST contexts reuse it instead of reading the credentials again. A key acts as its owner;
 * an admin-read key may only read. A key that is not valid is a 401, never a silent fallback
 * to anonymous.
 */
const identity: FastifyPluginCallback = (app, _options, done) => {
  app.decorateRequest("session", null);
  app.addHook("onRequest", async (request, reply) => {
    if (!needsIdentity(request)) return;
    const bearer = BEARER.exec(request.headers.authorization ?? "")?.[1];
    if (bearer) {
      let key: ApiKeyIdentity | null;
      try {
        key = await authenticateApiKey(getDb(), bearer);
      } catch (error) {
        request.sessionError = error;
        return;
      }
      if (!key) return reply.code(401).header("www-authenticate", 'Bearer realm="shopflow"').send({ error: { code: "UNAUTHORIZED", message: "This API key is not valid: unknown, revoked or expired" } });
      if (key.scope === "admin_read" && isWrite(request)) {
        return reply.code(403).send({ error: { code: "FORBIDDEN", message: "This API key may only read (admin read)" } });
      }
      // The key stands in for a browser session; its "session id" names the key, for audit rows.
      request.session = { ...key.session, sessionId: `apiKey:${key.apiKeyId}` };
      request.apiKeyScope = key.scope;
      request.identity = { userId: key.userId, role: key.session.role, apiKeyId: key.apiKeyId };
      setRequestUser(key.userId);
      return;
    }
    if (!request.headers.cookie) return;
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
