/**
 * What the /api/auth route answers, around next-auth's own answer:
 * - URLs stay on the host the person is using. next-auth v4 builds its redirects (sign-out,
 *   failed sign-in, its sign-in entry) from NEXTAUTH_URL, so someone who came on another name
 *   for the same server (127.0.0.1, an internal name) was sent to the configured one. Every
 *   Location and JSON `url` it answers is on our own site (the redirect callback sees to that),
 *   so each is answered as a relative URL.
 * - A throttled sign-in is a 429 with Retry-After, not next-auth's 401: `authorize` refuses
 *   with `TooManyAttempts:<seconds>`, which next-auth can only report as an error redirect.
 */
const THROTTLED = /^TooManyAttempts:(\d+)$/;
const ANY_ORIGIN = "http://relative.invalid";

/** The path, query and fragment of a URL next-auth produced ("//x" would read as a host: "/"). */
export function relativeUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url, ANY_ORIGIN);
  } catch {
    return "/";
  }
  const path = `${parsed.pathname}${parsed.search}${parsed.hash}`;
  return path.startsWith("//") ? "/" : path;
}

function throttledFor(url: string): number | null {
  const error = new URL(url, ANY_ORIGIN).searchParams.get("error");
  const match = error ? THROTTLED.exec(error) : null;
  return match ? Math.max(1, Number(match[1])) : null;
}

function tooManyAttempts(seconds: number, from: Response): Response {
  const headers = new Headers({ "content-type": "application/json", "cache-control": "no-store", "retry-after": String(seconds) });
  // Keep the cookies next-auth set (the CSRF token), so the form can try again later.
  for (const cookie of from.headers.getSetCookie()) headers.append("set-cookie", cookie);
  return new Response(JSON.stringify({ error: "TooManyAttempts", retryAfterSeconds: seconds }), { status: 429, headers });
}

/** next-auth's answer with its URLs made relative and a throttled sign-in turned into a 429. */
export async function standardAuthAnswer(answer: Response): Promise<Response> {
  const location = answer.headers.get("location");
  if (location) {
    const seconds = throttledFor(location);
    if (seconds) return tooManyAttempts(seconds, answer);
    const headers = new Headers(answer.headers);
    headers.set("location", relativeUrl(location));
    return new Response(answer.body, { status: answer.status, headers });
  }
  if (!answer.headers.get("content-type")?.includes("application/json")) return answer;

  const text = await answer.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  const url = body && typeof body === "object" && "url" in body && typeof body.url === "string" ? body.url : null;
  if (url) {
    const seconds = throttledFor(url);
    if (seconds) return tooManyAttempts(seconds, answer);
  }
  const headers = new Headers(answer.headers);
  headers.delete("content-length");
  const rewritten = url ? JSON.stringify({ ...(body as object), url: relativeUrl(url) }) : text;
  return new Response(rewritten, { status: answer.status, headers });
}
