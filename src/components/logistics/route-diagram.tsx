"use client";

import { useLocale, useTranslations } from "use-intl";

type Point = { city: string; cityEn: string; lat: number; lng: number; reached: boolean };

/**
 * The cities a parcel passes, drawn as a small map-like SVG: each stop is placed by its
 * longitude and latitude, legs already travelled are solid, the rest dashed.
 */
export function RouteDiagram({ route }: { route: Point[] }) {
  const t = useTranslations("logistics.tracking");
  const locale = useLocale();
  if (route.length === 0) return null;
  const name = (p: Point) => (locale === "zh-CN" ? p.city : p.cityEn);
  const W = 560;
  const H = 200;
  const pad = 48;
  const lngs = route.map((p) => p.lng);
  const lats = route.map((p) => p.lat);
  const [minX, maxX, minY, maxY] = [Math.min(...lngs), Math.max(...lngs), Math.min(...lats), Math.max(...lats)];
  const spanX = Math.max(maxX - minX, 0.5);
  const spanY = Math.max(maxY - minY, 0.5);
  const scale = Math.min((W - 2 * pad) / spanX, (H - 2 * pad) / spanY);
  const x = (lng: number) => W / 2 + (lng - (minX + maxX) / 2) * scale;
  const y = (lat: number) => H / 2 - (lat - (minY + maxY) / 2) * scale;
  const label = t("routeLabel", { from: name(route[0]!), to: name(route.at(-1)!) });
  return (
    <figure className="space-y-2">
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={label} className="h-auto w-full rounded-md bg-slate-50">
        {route.slice(1).map((p, i) => {
          const a = route[i]!;
          return (
            <line
              key={`${a.city}-${p.city}`}
              x1={x(a.lng)}
              y1={y(a.lat)}
              x2={x(p.lng)}
              y2={y(p.lat)}
              strokeWidth={3}
              className={p.reached ? "stroke-brand-600" : "stroke-slate-300"}
              strokeDasharray={p.reached ? undefined : "6 6"}
            />
          );
        })}
        {route.map((p, i) => (
          <g key={`${p.city}-${i}`}>
            <circle cx={x(p.lng)} cy={y(p.lat)} r={7} className={p.reached ? "fill-brand-600" : "fill-white stroke-slate-400"} strokeWidth={2} />
            <text x={x(p.lng)} y={y(p.lat) + (i % 2 === 0 ? -14 : 24)} textAnchor="middle" className="fill-slate-700 text-[13px]">
              {name(p)}
            </text>
          </g>
        ))}
      </svg>
      <figcaption className="text-xs text-slate-500">{route.map(name).join(" → ")}</figcaption>
    </figure>
  );
}
