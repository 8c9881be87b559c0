import { geoConicEqualArea, type GeoProjection } from "d3-geo";
import frame from "./frame.json";

/**
 * The projection China's maps use: Albers equal-area conic, standard parallels 25°N and 47°N,
 * central meridian 105°E. `frame.json` holds the scale and offset that fit the country into the
 * drawing (computed once by scripts/generate-china-map.ts), so the page can place a city on the
 * pre-drawn map without shipping the boundary data.
 */
export function chinaProjection(): GeoProjection {
  return geoConicEqualArea()
    .parallels([25, 47])
    .rotate([-105, 0])
    .center([0, 0])
    .scale(frame.scale)
    .translate(frame.translate as [number, number]);
}

export const CHINA_MAP = { width: frame.width, height: frame.height, href: "/maps/china-provinces.svg" } as const;
