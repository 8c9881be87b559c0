/**
 * `value` as a relative URL on `origin`, or `fallback` when a browser following it would land
 * anywhere else. The value is resolved exactly as a browser resolves a link (WHATWG URL), so
 * `/\evil.example`, `//evil.example`, `/\t/evil.example` and friends are seen as the other
 * origins they are; comparing string prefixes cannot see that. The answer is relative, so
 * people stay on the host they are using.
 */
export function sameOriginPath(value: string | null | undefined, origin: string, fallback = "/"): string {
  if (!value) return fallback;
  let url: URL;
  let base: URL;
  try {
    base = new URL(origin);
    url = new URL(value, base);
  } catch {
    return fallback;
  }
  if (url.origin !== base.origin) return fallback;
  const path = `${url.pathname}${url.search}${url.hash}`;
  // A path that begins with two slashes would itself be read as another host.
  return path.startsWith("//") ? fallback : path;
}

/** A stand-in origin: resolving against it tells a path on this site from anything else without knowing the host. */
const ANY_SITE = "http://site.invalid";

/**
 * A return address (`callbackUrl`) as a relative path on this site, or null: what the sign-in
 * and sign-up pages accept, pass on to each other and follow once signed in. The auth pages
 * themselves are never a destination (signing in would lead back to signing in).
 */
export function returnPath(value: string | null | undefined): string | null {
  const path = sameOriginPath(value, ANY_SITE, "");
  if (!path || /^\/(sign-in|sign-up)(\/|\?|#|$)/.test(path)) return null;
  return path;
}
