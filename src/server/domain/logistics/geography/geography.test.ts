import { describe, expect, it } from "vitest";
import { CITY_POINTS } from "./city-coordinates";
import { DIVISIONS, findCity, isKnownArea } from "./divisions";
import { distanceKm, lineHaulHubs, locate, shortCityName, zoneBetween } from "./geography";
import { HUB_PROVINCE, PROVINCES } from "./provinces";

describe("administrative divisions", () => {
  it("has the 31 mainland provinces, with municipalities flattened to one city", () => {
    expect(DIVISIONS).toHaveLength(31);
    expect(findCity("上海市", "上海市")?.districts.map((d) => d.name)).toContain("浦东新区");
    expect(findCity("浙江省", "杭州市")?.districts.map((d) => d.name)).toContain("临平区");
    expect(findCity("河南省", "济源市")?.districts.map((d) => d.name)).toEqual(["济源市"]);
    expect(isKnownArea({ province: "广东省", city: "深圳市", district: "南山区" })).toBe(true);
    expect(isKnownArea({ province: "广东省", city: "深圳市", district: "西湖区" })).toBe(false);
    expect(isKnownArea({ province: "火星", city: "深圳市" })).toBe(false);
  });

  it("knows every province's facts, with symmetric neighbours and existing capitals", () => {
    expect([...PROVINCES.keys()].sort()).toEqual(DIVISIONS.map((p) => p.name).sort());
    for (const info of PROVINCES.values()) {
      for (const n of info.neighbours) expect(PROVINCES.get(n)?.neighbours, `${info.name} ↔ ${n}`).toContain(info.name);
      expect(findCity(info.name, info.capital), info.capital).toBeTruthy();
      expect(CITY_POINTS.some((p) => p.city === info.capital), `${info.capital} has coordinates`).toBe(true);
      expect(HUB_PROVINCE.has(info.hub)).toBe(true);
    }
    for (const p of CITY_POINTS) expect(findCity(p.province, p.city), `${p.province}/${p.city}`).toBeTruthy();
  });
});

describe("zones, distances and hubs", () => {
  const hz = { province: "浙江省", city: "杭州市" };
  it.each([
    [{ province: "浙江省", city: "杭州市" }, "same_city"],
    [{ province: "浙江省", city: "宁波市" }, "same_province"],
    [{ province: "上海市", city: "上海市" }, "neighbouring"],
    [{ province: "江西省", city: "南昌市" }, "neighbouring"],
    [{ province: "广东省", city: "深圳市" }, "far"],
    [{ province: "北京市", city: "北京市" }, "far"],
    [{ province: "新疆维吾尔自治区", city: "乌鲁木齐市" }, "remote"],
    [{ province: "西藏自治区", city: "拉萨市" }, "remote"],
    [{ province: "内蒙古自治区", city: "呼和浩特市" }, "remote"],
    [{ province: "青海省", city: "西宁市" }, "remote"],
  ] as const)("Hangzhou → %o is %s", (dest, zone) => {
    expect(zoneBetween(hz, dest)).toBe(zone);
  });

  it("prices a remote neighbour as remote (Chengdu → Lhasa)", () => {
    expect(zoneBetween({ province: "四川省", city: "成都市" }, { province: "西藏自治区", city: "拉萨市" })).toBe("remote");
  });

  it("measures great-circle distances", () => {
    expect(distanceKm(locate({ province: "上海市", city: "上海市" }), locate({ province: "北京市", city: "北京市" }))).toBeGreaterThan(1000);
    expect(distanceKm(locate({ province: "上海市", city: "上海市" }), locate({ province: "北京市", city: "北京市" }))).toBeLessThan(1100);
    expect(distanceKm(locate(hz), locate(hz))).toBe(0);
  });

  it("places an unknown city at its province capital", () => {
    const lishui = locate({ province: "浙江省", city: "丽水市" });
    expect(lishui).toMatchObject({ approximate: true, city: "丽水市", short: "丽水" });
    expect([lishui.lat, lishui.lng]).toEqual([locate(hz).lat, locate(hz).lng]);
  });

  it("chooses line-haul hubs by geography", () => {
    expect(lineHaulHubs(hz, { province: "广东省", city: "深圳市" })).toEqual(["广州市"]);
    expect(lineHaulHubs(hz, { province: "浙江省", city: "宁波市" })).toEqual([]);
    expect(lineHaulHubs({ province: "江苏省", city: "苏州市" }, { province: "四川省", city: "绵阳市" })).toEqual(["上海市", "武汉市", "成都市"]);
    expect(lineHaulHubs({ province: "北京市", city: "北京市" }, { province: "新疆维吾尔自治区", city: "喀什地区" })).toContain("乌鲁木齐市");
  });

  it("shortens city names the way sorting centres are named", () => {
    expect(shortCityName("杭州市")).toBe("杭州");
    expect(shortCityName("大理白族自治州")).toBe("大理");
    expect(shortCityName("喀什地区")).toBe("喀什");
  });
});
