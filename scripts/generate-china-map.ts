/**
 * Draws the map the tracking page shows parcels on: China's provinces, projected with the
 * page's own projection, as one static SVG in public/ (cached by browsers, no tiles from the
 * network), plus the frame (scale, offset) the page needs to place cities on it.
 *
 *   npx tsx scripts/generate-china-map.ts          # writes public/maps/china-provinces.svg and src/lib/china-map/frame.json
 *
 * Boundaries: the `china-geojson` package (AntV, MIT). Simplified with topojson-simplify
 * (Visvalingam) so the drawing stays small; a test checks the committed files match this output.
 */
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { renderChinaMap } from "./china-map/render";

const { svg, frame } = renderChinaMap();
writeFileSync(fileURLToPath(new URL("../public/maps/china-provinces.svg", import.meta.url)), svg);
writeFileSync(fileURLToPath(new URL("../src/lib/china-map/frame.json", import.meta.url)), `${JSON.stringify(frame, null, 2)}\n`);
console.log(`china-provinces.svg: ${(svg.length / 1024).toFixed(1)} KB, frame ${JSON.stringify(frame)}`);
