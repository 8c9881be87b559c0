import type { Metadata } from "next";

export const metadata: Metadata = { robots: { index: false } };

/**
 * An empty page in the shop layout: what any shopper page costs before its own content (the
 * layout, the header and Next's own work). `npm run bench` measures every shopper page against
 * it; the proxy answers 404 for it unless the server runs with SHOPFLOW_FLOOR_PAGE=1 (the bench
 * and the end-to-end server set it). Nothing here reads the request, so it is built once per
 * language.
 */
export default function FloorPage() {
  return <div data-testid="floor-page" />;
}
