import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { getDb } from "@/server/db/client";
import { authSecret } from "@/env";
import {
  SESSION_MAX_AGE_SECONDS,
  ZSignInInput,
  createAuthSession,
  findActiveSession,
  revokeAuthSession,
  verifyCredentials,
} from "@/server/domain/user";
import { sameOriginPath } from "@/lib/same-origin-path";
import { clientAddressFromHeaders } from "@/server/http/client-address";
import { logger } from "@/server/observability/logger";
import { isRefusedDemoPassword } from "./demo-passwords";
import { checkLoginAllowed, recordLoginFailure, recordLoginSuccess } from "./login-throttle";

/**
 * next-auth v4 (the stable line; v5 is still a beta). Credentials sign-in forces JWT sessions,
 * so the JWT carries a server-side session id (`sid`): sign-out revokes that row and every
 * request checks it, which makes a copied token useless once its owner signs out.
 */
export function getAuthOptions(): NextAuthOptions {
  // Built per call so `next build` never needs the runtime secret.
  return {
    secret: authSecret(),
    session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
    pages: { signIn: "/sign-in" },
    // next-auth's own messages go through our JSON logger, without stacks or token contents.
    logger: {
      error: (code) => logger.warn({ event: "auth", code }, "auth error"),
      warn: (code) => logger.warn({ event: "auth", code }, "auth warning"),
      debug: () => {},
    },
    providers: [
      CredentialsProvider({
        name: "Email and password",
        credentials: { email: { type: "email" }, password: { type: "password" } },
        async authorize(credentials, req) {
          const parsed = ZSignInInput.safeParse(credentials ?? {});
          if (!parsed.success) throw new Error("InvalidCredentials");
          const { email, password } = parsed.data;
          const address = clientAddressFromHeaders((req?.headers ?? {}) as Record<string, string | undefined>);

          if (isRefusedDemoPassword(email, password)) {
            logger.warn({ event: "login_demo_password_refused" }, "demo password refused in production");
            throw new Error("DemoPasswordRefused");
          }
          const verdict = await checkLoginAllowed(email, address);
          if (!verdict.allowed) {
            logger.warn({ event: "login_throttled", retryAfterSeconds: verdict.retryAfterSeconds }, "sign-in throttled");
            throw new Error(`TooManyAttempts:${verdict.retryAfterSeconds}`);
          }
          const user = await verifyCredentials(getDb(), email, password);
          if (!user) {
            const delayMs = await recordLoginFailure(email, address);
            logger.info({ event: "login_failed" }, "sign-in failed");
            await new Promise((resolve) => setTimeout(resolve, delayMs));
            throw new Error("InvalidCredentials");
          }
          await recordLoginSuccess(email);
          if (user.disabled) {
            logger.info({ event: "login_disabled_account" }, "sign-in refused: account disabled");
            throw new Error("AccountDisabled");
          }
          return { id: user.id, email: user.email, name: user.name, role: user.role };
        },
      }),
    ],
    callbacks: {
      // Where to send someone after signing in or out: a path on our own site, answered
      // relative so they stay on the host they use; anything that resolves elsewhere is "/".
      redirect({ url, baseUrl }) {
        return sameOriginPath(url, baseUrl);
      },
      async jwt({ token, user }) {
        if (user) {
          // A fresh sign-in: open the server-side session this token will point at.
          token.sid = await createAuthSession(getDb(), user.id);
          token.uid = user.id;
          token.role = (user as { role?: string }).role;
          return token;
        }
        // Every later read (e.g. /api/auth/session) re-checks the session; a revoked one clears the cookie.
        const active = typeof token.sid === "string" ? await findActiveSession(getDb(), token.sid) : null;
        if (!active) throw new Error("SessionRevoked");
        token.role = active.role;
        return token;
      },
      async session({ session, token }) {
        return { ...session, user: { ...session.user, id: token.uid, role: token.role } };
      },
    },
    events: {
      async signOut({ token }) {
        if (token && typeof token.sid === "string") await revokeAuthSession(getDb(), token.sid);
      },
    },
  };
}
