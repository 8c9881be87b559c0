import { createHash } from "node:crypto";
import sharp from "sharp";

/** One colour pair per demo category: the background and the shape drawn on it. */
const CATEGORY_COLOURS: Record<string, { background: string; shape: string }> = {
  electronics: { background: "#dbeafe", shape: "#1d4ed8" },
  home: { background: "#fef3c7", shape: "#b45309" },
  food: { background: "#dcfce7", shape: "#15803d" },
  apparel: { background: "#fce7f3", shape: "#be185d" },
  books: { background: "#ede9fe", shape: "#6d28d9" },
  sports: { background: "#ffedd5", shape: "#c2410c" },
};
const FALLBACK = { background: "#e2e8f0", shape: "#334155" };

/** An icon-like shape per category, drawn in a 400 × 400 box around the centre. */
const SHAPES: Record<string, string> = {
  // a screen on a stand
  electronics: '<rect x="90" y="90" width="220" height="150" rx="14"/><rect x="185" y="240" width="30" height="40"/><rect x="140" y="280" width="120" height="16" rx="8"/>',
  // a pot with a lid
  home: '<rect x="100" y="150" width="200" height="130" rx="30"/><rect x="80" y="140" width="240" height="20" rx="10"/><rect x="180" y="110" width="40" height="24" rx="8"/>',
  // a leaf
  food: '<path d="M110 290 C110 170 190 100 300 100 C300 210 230 290 110 290 Z"/>',
  // a shirt
  apparel: '<path d="M150 100 L110 120 L70 170 L110 200 L130 180 L130 300 L270 300 L270 180 L290 200 L330 170 L290 120 L250 100 C240 130 160 130 150 100 Z"/>',
  // an open book
  books: '<path d="M80 120 C130 100 180 110 195 130 L195 290 C180 270 130 265 80 285 Z"/><path d="M320 120 C270 100 220 110 205 130 L205 290 C220 270 270 265 320 285 Z"/>',
  // a ball
  sports: '<circle cx="200" cy="190" r="100"/>',
};

/** Up to two initials from the English name: "Bamboo Cutting Board Set" → "BC". */
function initialsOf(name: string): string {
  const words = name.replace(/[^A-Za-z0-9 ]/g, " ").split(/\s+/).filter((w) => /^[A-Za-z]/.test(w));
  return words.slice(0, 2).map((w) => w[0]!.toUpperCase()).join("") || "?";
}

/**
 * A deterministic picture of a product (the demo catalog's pictures, and any product's picture
 * once an admin removes its upload), from its data alone (no network, no stock
 * photos): the category's colours and shape, the product's initials, and a soft ring whose
 * angle comes from the SKU so products of one category differ. Returned as SVG text.
 */
export function productArtworkSvg(product: { sku: string; name: string; category: string }): string {
  const colours = CATEGORY_COLOURS[product.category] ?? FALLBACK;
  const shape = SHAPES[product.category] ?? SHAPES.sports!;
  const angle = createHash("sha256").update(product.sku).digest()[0]! * (360 / 256);
  return `<svg xmlns="http://www.w3.org/2000/svg" width="800" height="800" viewBox="0 0 400 400">
  <rect width="400" height="400" fill="${colours.background}"/>
  <g transform="rotate(${angle.toFixed(1)} 200 200)"><circle cx="200" cy="200" r="170" fill="none" stroke="${colours.shape}" stroke-opacity="0.12" stroke-width="36" stroke-dasharray="180 90"/></g>
  <g fill="${colours.shape}" fill-opacity="0.9">${shape}</g>
  <text x="200" y="365" text-anchor="middle" font-family="DejaVu Sans, Arial, sans-serif" font-size="44" font-weight="700" fill="${colours.shape}">${initialsOf(product.name)}</text>
</svg>`;
}

/** The artwork as a PNG, the kind of file an admin uploads, so it goes through the upload's checks. */
export function productArtworkPng(product: { sku: string; name: string; category: string }): Promise<Buffer> {
  return sharp(Buffer.from(productArtworkSvg(product))).png().toBuffer();
}
