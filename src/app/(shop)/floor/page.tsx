import type { Metadata } from "next";
import { notFound } from "next/navigation";

export const metadata: Metadata = { robots: { index: false } };

/**
 * An empty page in the shop layout: what any shopper page costs before its own content (the
 * session, the header's reads, the layout's render). `npm run bench` measures every shopper page
 * against it; it exists only when the server runs with SHOPFLOW_FLOOR_PAGE=1 (the bench sets it).
 */
export default function FloorPage() {
  if (process.env.SHOPFLOW_FLOOR_PAGE !== "1") notFound();
  return <div data-testid="floor-page" />;
}
