import NextAuth from "next-auth";
import { standardAuthAnswer } from "@/server/auth/auth-answer";
import { getAuthOptions } from "@/server/auth/options";

type RouteContext = { params: Promise<{ nextauth: string[] }> };

/** next-auth's handler; its answer made relative, and a throttled sign-in a 429 (see auth-answer.ts). */
async function handler(req: Request, context: RouteContext) {
  return standardAuthAnswer(await NextAuth(req as never, { params: await context.params } as never, getAuthOptions()));
}

export { handler as GET, handler as POST };
