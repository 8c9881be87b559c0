/**
 * The path segment after `segment` in a page's URL, decoded: the order id of
 * `/orders/<id>/tracking`, the product id of `/zh-CN/products/<id>`. The pages that show one
 * record are one shell for every id (next.config.ts), so the browser's URL is where the id is.
 */
export function pathIdAfter(pathname: string, segment: string): string | null {
  const parts = pathname.split("/");
  const at = parts.indexOf(segment);
  const raw = at >= 0 ? parts[at + 1] : undefined;
  if (!raw) return null;
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}
