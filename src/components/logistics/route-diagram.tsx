"use client";

import { useMemo } from "react";
import { useLocale, useTranslations } from "use-intl";
import { CHINA_MAP, chinaProjection } from "@/lib/china-map/projection";

type Point = { city: string; cityEn: string; lat: number; lng: number; reached: boolean };

/** The smallest part of the map shown, so a short trip (Hangzhou → Shanghai) still shows where it is. */
const MIN_WINDOW_WIDTH = 300;
const ASPECT = CHINA_MAP.width / CHINA_MAP.height;

/**
 * The parcel's route on a map of China: the provinces (a static drawing, see
 * scripts/generate-china-map.ts), the hubs it passed and will pass, the legs already travelled
 * solid and the rest dashed. The view zooms to the route with the country around it.
 */
export function RouteDiagram({ route }: { route: Point[] }) {
  const t = useTranslations("logistics.tracking");
  const locale = useLocale();
  const stops = useMemo(() => {
    const project = chinaProjection();
    return route.map((p) => ({ ...p, xy: project([p.lng, p.lat]) ?? [0, 0] }));
  }, [route]);
  if (stops.length === 0) return null;

  const name = (p: Point) => (locale === "zh-CN" ? p.city : p.cityEn);
  const view = windowAround(stops.map((s) => s.xy));
  const unit = view.width / 100;
  const label = t("routeLabel", { from: name(stops[0]!), to: name(stops.at(-1)!) });
  return (
    <figure className="space-y-2">
      <svg viewBox={`${view.x} ${view.y} ${view.width} ${view.height}`} role="img" aria-label={label} className="h-auto w-full rounded-md bg-sky-50">
        <image href={CHINA_MAP.href} x={0} y={0} width={CHINA_MAP.width} height={CHINA_MAP.height} />
        {stops.slice(1).map((p, i) => {
          const a = stops[i]!;
          return (
            <line
              key={`${a.city}-${p.city}-${i}`}
              data-leg={p.reached ? "travelled" : "ahead"}
              x1={a.xy[0]}
              y1={a.xy[1]}
              x2={p.xy[0]}
              y2={p.xy[1]}
              strokeWidth={3}
              vectorEffect="non-scaling-stroke"
              strokeLinecap="round"
              className={p.reached ? "stroke-brand-600" : "stroke-slate-400"}
              strokeDasharray={p.reached ? undefined : "6 6"}
            />
          );
        })}
        {stops.map((p, i) => (
          <g key={`${p.city}-${i}`} data-stop={p.reached ? "passed" : "ahead"}>
            <circle cx={p.xy[0]} cy={p.xy[1]} r={1.6 * unit} className={p.reached ? "fill-brand-600" : "fill-white stroke-slate-500"} strokeWidth={2} vectorEffect="non-scaling-stroke" />
            <text x={p.xy[0]} y={p.xy[1] + (i % 2 === 0 ? -3 * unit : 5.5 * unit)} textAnchor="middle" fontSize={3.6 * unit} className="fill-slate-800" paintOrder="stroke" stroke="white" strokeWidth={0.8 * unit}>
              {name(p)}
            </text>
          </g>
        ))}
      </svg>
      <figcaption className="text-xs text-slate-500">{stops.map(name).join(" → ")}</figcaption>
    </figure>
  );
}

/** The part of the map that holds every stop with a margin, at the map's aspect ratio, inside the map. */
function windowAround(points: [number, number][]) {
  const xs = points.map((p) => p[0]);
  const ys = points.map((p) => p[1]);
  const [minX, maxX, minY, maxY] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  let width = Math.max(MIN_WINDOW_WIDTH, (maxX - minX) * 1.5, (maxY - minY) * 1.5 * ASPECT);
  width = Math.min(width, CHINA_MAP.width);
  const height = width / ASPECT;
  const clamp = (value: number, size: number, limit: number) => Math.min(Math.max(value, 0), limit - size);
  return {
    x: clamp((minX + maxX) / 2 - width / 2, width, CHINA_MAP.width),
    y: clamp((minY + maxY) / 2 - height / 2, height, CHINA_MAP.height),
    width,
    height,
  };
}
