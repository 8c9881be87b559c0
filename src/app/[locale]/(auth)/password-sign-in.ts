import { getCsrfToken } from "next-auth/react";

export type SignInOutcome =
  | { ok: true }
  | { ok: false; reason: "invalid" }
  /** Refused for a reason worth saying: a demo password on a production server, a disabled account. */
  | { ok: false; reason: "DemoPasswordRefused" | "AccountDisabled" }
  | { ok: false; reason: "throttled"; retryAfterSeconds: number }
  | { ok: false; reason: "failed" };

/**
 * Email-and-password sign-in against next-auth's credentials endpoint, read by HTTP status:
 * 200 signed in, 401 wrong email or password, 429 too many attempts (Retry-After says for how
 * long). next-auth/react's `signIn` is not used: it parses the answer's `url` as an absolute
 * URL, and ours are relative so that nobody is sent to another host. The page decides where
 * to go next.
 */
export async function signInWithPassword(email: string, password: string): Promise<SignInOutcome> {
  try {
    const csrfToken = (await getCsrfToken()) ?? "";
    const response = await fetch("/api/auth/callback/credentials", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ csrfToken, email, password, json: "true" }),
    });
    if (response.status === 429) return { ok: false, reason: "throttled", retryAfterSeconds: Number(response.headers.get("retry-after")) || 60 };
    if (response.status === 401) {
      const { url } = (await response.json().catch(() => ({}))) as { url?: string };
      const error = url ? new URL(url, window.location.origin).searchParams.get("error") : null;
      return { ok: false, reason: error === "DemoPasswordRefused" || error === "AccountDisabled" ? error : "invalid" };
    }
    const { url } = (await response.json()) as { url?: string };
    // next-auth answers a refused CSRF token or other trouble with 200 and a URL saying so.
    const refused = !url || /[?&](error|csrf)=/.test(url);
    return response.ok && !refused ? { ok: true } : { ok: false, reason: "failed" };
  } catch {
    return { ok: false, reason: "failed" };
  }
}
