import { CITY_POINTS, type CityPoint } from "./city-coordinates";
import { HUB_PROVINCE, PROVINCES, provinceInfo } from "./provinces";

/** Fee zones, from cheapest to dearest. */
export const ZONES = ["same_city", "same_province", "neighbouring", "far", "remote"] as const;
export type Zone = (typeof ZONES)[number];

export type Area = { province: string; city: string; district?: string | null };

/** A located city: its coordinates and names; `approximate` when placed at the province capital. */
export type Place = CityPoint & { approximate: boolean; short: string };

const points = new Map(CITY_POINTS.map((p) => [`${p.province}/${p.city}`, p]));
const pointsByCity = new Map(CITY_POINTS.map((p) => [p.city, p]));

/** "杭州市" → "杭州", "大理白族自治州" → "大理", "喀什地区" → "喀什": how sorting centres are named. */
export function shortCityName(city: string): string {
  const trimmed = city.replace(/(市|地区|盟)$/u, "");
  const autonomous = /^(.{2,3}?)(?:[\u4e00-\u9fa5]{1,6}族)+自治[州县]$/u.exec(city);
  if (autonomous) return autonomous[1]!;
  return trimmed.replace(/自治[州县]$/u, "") || city;
}

/** Where a city is; unknown cities fall back to their province capital (then to Beijing). */
export function locate(area: Area): Place {
  const exact = points.get(`${area.province}/${area.city}`);
  if (exact) return { ...exact, approximate: false, short: shortCityName(exact.city) };
  const info = provinceInfo(area.province);
  const capital = info ? points.get(`${info.name}/${info.capital}`) : undefined;
  const fallback = capital ?? points.get("北京市/北京市")!;
  return {
    province: area.province,
    city: area.city,
    nameEn: area.city,
    lat: fallback.lat,
    lng: fallback.lng,
    approximate: true,
    short: shortCityName(area.city),
  };
}

/** A hub city as a place (hubs are always in the coordinates table). */
export function hubPlace(city: string): Place {
  const point = pointsByCity.get(city)!;
  return { ...point, approximate: false, short: shortCityName(city) };
}

/** Great-circle distance in kilometres (haversine), rounded to whole km. */
export function distanceKm(a: { lat: number; lng: number }, b: { lat: number; lng: number }): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLng = (b.lng - a.lng) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLng / 2) ** 2;
  return Math.round(2 * 6371 * Math.asin(Math.min(1, Math.sqrt(h))));
}

/**
 * The fee zone from origin to destination: same city, same province, a remote province
 * (Xinjiang, Tibet, Qinghai, Inner Mongolia, Gansu, Ningxia), a neighbouring province, or far.
 * Remote beats neighbouring: Chengdu → Lhasa is priced as remote although Sichuan borders Tibet.
 */
export function zoneBetween(origin: Area, destination: Area): Zone {
  if (origin.province === destination.province) return origin.city === destination.city ? "same_city" : "same_province";
  const dest = provinceInfo(destination.province);
  if (dest?.remote) return "remote";
  if (dest?.neighbours.includes(origin.province)) return "neighbouring";
  return "far";
}

/** The regional line-haul hub a province's parcels pass through. */
export function hubFor(province: string): string {
  return provinceInfo(province)?.hub ?? "北京市";
}

/**
 * The line-haul hubs between two cities: the origin's regional hub, for long hauls a
 * midway hub (the one adding the least detour), then the destination's regional hub.
 * Hubs equal to the origin or destination city are left out (that city's sorting centre
 * already is the hub).
 */
export function lineHaulHubs(origin: Area, destination: Area): string[] {
  if (origin.province === destination.province && origin.city === destination.city) return [];
  const from = hubFor(origin.province);
  const to = hubFor(destination.province);
  const hubs: string[] = [];
  const push = (hub: string) => {
    if (hub !== origin.city && hub !== destination.city && !hubs.includes(hub)) hubs.push(hub);
  };
  push(from);
  if (from !== to) {
    const a = hubPlace(from);
    const b = hubPlace(to);
    if (distanceKm(a, b) > 1500) {
      let best: { hub: string; detour: number } | null = null;
      for (const hub of HUB_PROVINCE.keys()) {
        if (hub === from || hub === to) continue;
        const h = hubPlace(hub);
        const detour = distanceKm(a, h) + distanceKm(h, b) - distanceKm(a, b);
        if (detour < 250 && (!best || detour < best.detour)) best = { hub, detour };
      }
      if (best) push(best.hub);
    }
    push(to);
  }
  return hubs;
}

export function provinceNameEn(province: string): string {
  return PROVINCES.get(province)?.nameEn ?? province;
}
