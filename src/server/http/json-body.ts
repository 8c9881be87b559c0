/**
 * Whether a request says it carries JSON but its body does not parse (or is not an object).
 * Handlers that call `req.json()` themselves (next-auth's) would throw on it and answer 500; the
 * route checks a copy first and answers 400. The request's own body stays unread.
 */
export async function hasUnreadableJsonBody(req: Request): Promise<boolean> {
  if (req.method !== "POST" || !req.body || !req.headers.get("content-type")?.includes("application/json")) return false;
  try {
    const body: unknown = JSON.parse(await req.clone().text());
    return typeof body !== "object" || body === null || Array.isArray(body);
  } catch {
    return true;
  }
}
