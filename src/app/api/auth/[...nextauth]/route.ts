import { getHTTPStatusCodeFromError } from "@trpc/server/http";
import NextAuth from "next-auth";
import { standardAuthAnswer } from "@/server/auth/auth-answer";
import { retryAfterFor, toTRPCError } from "@/server/api/trpc";
import { getAuthOptions } from "@/server/auth/options";
import { hasUnreadableJsonBody } from "@/server/http/json-body";

type RouteContext = { params: Promise<{ nextauth: string[] }> };

const UNREADABLE = { error: { code: "BAD_REQUEST", message: "The request body is not valid JSON" } };

/** next-auth's handler, guarded: its answer made relative and a throttled sign-in a 429 (auth-answer.ts). */
async function handler(req: Request, context: RouteContext) {
  if (await hasUnreadableJsonBody(req)) return Response.json(UNREADABLE, { status: 400 });
  try {
    return standardAuthAnswer(await NextAuth(req as never, { params: await context.params } as never, getAuthOptions()));
  } catch (error) {
    // Whatever next-auth lets through is answered from the shared error table: 503 with
    // Retry-After while the database is unreachable, else a generic 500, logged once.
    const mapped = toTRPCError(error, "auth");
    const status = getHTTPStatusCodeFromError(mapped);
    const retryAfter = retryAfterFor(status);
    const message = status >= 500 && status !== 503 ? "Something went wrong on our side. Please try again." : mapped.message;
    return Response.json({ error: { code: mapped.code, message } }, { status, headers: retryAfter ? { "retry-after": retryAfter } : {} });
  }
}

export { handler as GET, handler as POST };
