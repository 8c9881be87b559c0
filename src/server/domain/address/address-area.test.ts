import { describe, expect, it } from "vitest";
import { DEMO_ADDRESSES, WAREHOUSES } from "@/server/db/seed/catalog-data";
import { COURIER_AREAS } from "@/server/db/seed/logistics-data";
import { simulatedShopper } from "@/server/domain/simulation";
import { assertKnownArea } from "./address-area";

const fieldOf = (area: { province: string; city: string; district: string }) => {
  try {
    assertKnownArea(area);
    return null;
  } catch (error) {
    return Object.keys((error as { fieldErrors: Record<string, string[]> }).fieldErrors);
  }
};

describe("assertKnownArea", () => {
  it("accepts the divisions as the pickers offer them, municipalities included", () => {
    expect(fieldOf({ province: "浙江省", city: "杭州市", district: "西湖区" })).toBeNull();
    expect(fieldOf({ province: "上海市", city: "上海市", district: "浦东新区" })).toBeNull();
    expect(fieldOf({ province: "河南省", city: "济源市", district: "济源市" })).toBeNull();
  });

  it("names the first level that is not a real division", () => {
    expect(fieldOf({ province: "Zhejiang", city: "杭州市", district: "西湖区" })).toEqual(["province"]);
    expect(fieldOf({ province: "浙江省", city: "杭洲市", district: "西湖区" })).toEqual(["city"]);
    expect(fieldOf({ province: "浙江省", city: "杭州市", district: "南山区" })).toEqual(["district"]);
    expect(fieldOf({ province: "浙江省", city: "杭州市", district: "" })).toEqual(["district"]);
  });

  it("accepts every address the demo data and the simulation create", () => {
    const areas = [
      ...Object.values(DEMO_ADDRESSES).flat(),
      ...WAREHOUSES,
      ...COURIER_AREAS.flatMap((a) => a.districts.map((district) => ({ ...a, district }))),
      ...Array.from({ length: 200 }, (_, idx) => simulatedShopper({ seed: 7, runId: "00000000-run", idx }).address),
    ];
    for (const area of areas) expect(fieldOf(area), `${area.province} ${area.city} ${area.district}`).toBeNull();
  });
});
