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
