import { randomUUID } from "node:crypto";
import { eq, inArray, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/server/db/client";
import { couriers } from "@/server/db/schema";
import { withLogisticsDatabase } from "../../../../test/logistics-fixtures";
import { createCarrier } from "./carrier.service";
import { assignCourier, createCourier, maskPhone, setCourierStatus } from "./courier.service";

withLogisticsDatabase();

const ZONE_RULES = (["same_city", "same_province", "neighbouring", "far", "remote"] as const).map((zone) => ({ zone, firstFeeMinor: 800, additionalFeeMinor: 200 }));
const destination = { province: "浙江省", city: "杭州市", district: "西湖区" };

/** A carrier of its own with `active` couriers in Hangzhou and one off duty. */
async function fleet(active: number) {
  const code = `T${randomUUID().slice(0, 6).toUpperCase().replace(/[^A-Z0-9]/g, "A")}`;
  const carrier = await createCarrier(getDb(), {
    code,
    nameEn: "Test Carrier",
    nameZh: "测试快递",
    trackingPrefix: "TT",
    trackingBodyLength: 10,
    trackingCheck: "luhn",
    serviceLevels: [{ code: "standard", nameEn: "Standard", nameZh: "标准", promisedDays: 3, firstWeightGrams: 1000, stepGrams: 1000, volumetricDivisor: 8000, rules: ZONE_RULES }],
  });
  const phone = () => `139${String(Math.floor(Math.random() * 1e8)).padStart(8, "0")}`;
  const ids: string[] = [];
  for (let i = 0; i < active; i++) ids.push((await createCourier(getDb(), { carrierId: carrier.id, name: `快递员${i}`, phone: phone(), ...destination })).id);
  const offDuty = await createCourier(getDb(), { carrierId: carrier.id, name: "休息中", phone: phone(), ...destination, status: "off_duty" });
  return { carrier, ids, offDutyId: offDuty.id };
}

async function loads(ids: string[]) {
  const rows = await getDb().select({ id: couriers.id, load: couriers.currentLoad }).from(couriers).where(inArray(couriers.id, ids));
  return new Map(rows.map((r) => [r.id, r.load]));
}

describe("courier assignment", () => {
  it("masks phones for shoppers", () => {
    expect(maskPhone("13812345678")).toBe("138****5678");
    expect(maskPhone("12")).toBe("****");
  });

  it("spreads concurrent assignments evenly (least loaded) and never books an off-duty courier, over 20 rounds", async () => {
    const { carrier, ids, offDutyId } = await fleet(4);
    for (let round = 1; round <= 20; round++) {
      const booked = await Promise.all(
        Array.from({ length: 8 }, () => getDb().transaction((tx) => assignCourier(tx, { carrierId: carrier.id, destination, strategy: "least_loaded" }))),
      );
      expect(booked.every((c) => c && ids.includes(c.id))).toBe(true);
      const now = await loads([...ids, offDutyId]);
      // 8 parcels over 4 couriers per round: a read-then-write race would pile them on one.
      for (const id of ids) expect(now.get(id)).toBe(2 * round);
      expect(now.get(offDutyId)).toBe(0);
    }
  });

  it("never books a courier who goes off duty while assignments are running", async () => {
    for (let round = 0; round < 20; round++) {
      const { carrier, ids } = await fleet(3);
      const leaving = ids[0]!;
      const results = await Promise.all([
        ...Array.from({ length: 6 }, () => getDb().transaction((tx) => assignCourier(tx, { carrierId: carrier.id, destination, strategy: "least_loaded" }))),
        setCourierStatus(getDb(), { id: leaving, status: "off_duty" }).then(() => null),
      ]);
      const [row] = await getDb().select().from(couriers).where(eq(couriers.id, leaving));
      // Whatever got booked on the leaving courier was booked before the status change committed.
      const bookedOnLeaving = results.filter((c) => c?.id === leaving).length;
      expect(row!.currentLoad).toBe(bookedOnLeaving);
      for (const c of results) if (c) expect(c.status).toBe("active");
      // After the change, nobody books them.
      const after = await getDb().transaction((tx) => assignCourier(tx, { carrierId: carrier.id, destination, strategy: "least_loaded" }));
      expect(after!.id).not.toBe(leaving);
    }
  });

  it("round robin takes turns; nearest prefers the exact district and looks beyond the city when needed", async () => {
    const { carrier, ids } = await fleet(3);
    const order: string[] = [];
    for (let i = 0; i < 6; i++) order.push((await getDb().transaction((tx) => assignCourier(tx, { carrierId: carrier.id, destination, strategy: "round_robin" })))!.id);
    expect(new Set(order.slice(0, 3)).size).toBe(3);
    expect(order.slice(3)).toEqual(order.slice(0, 3));
    expect(ids.every((id) => order.includes(id))).toBe(true);

    const ningbo = await createCourier(getDb(), { carrierId: carrier.id, name: "宁波", phone: "13900000001", province: "浙江省", city: "宁波市", district: null });
    const remote = { province: "浙江省", city: "温州市", district: "鹿城区" };
    expect(await getDb().transaction((tx) => assignCourier(tx, { carrierId: carrier.id, destination: remote, strategy: "least_loaded" }))).toBeNull();
    const nearest = await getDb().transaction((tx) => assignCourier(tx, { carrierId: carrier.id, destination: remote, strategy: "nearest" }));
    expect([ningbo.id, ...ids]).toContain(nearest!.id);
  });

  it("round robin tells bookings apart within one millisecond", async () => {
    const { carrier, ids } = await fleet(3);
    // Booked last within the same millisecond, in the reverse of their ids' order: the courier
    // booked longest ago is the one with the largest id, which a tie on milliseconds would put last.
    const byId = [...ids].sort();
    const microsAgo = new Map([[byId[2]!, 100], [byId[1]!, 300], [byId[0]!, 600]]);
    for (const [id, micros] of microsAgo) {
      await getDb().update(couriers).set({ lastAssignedAt: sql`timestamptz '2026-01-01 00:00:00.000+00' + make_interval(secs => ${micros / 1_000_000})` }).where(eq(couriers.id, id));
    }
    const order: string[] = [];
    for (let i = 0; i < 3; i++) order.push((await getDb().transaction((tx) => assignCourier(tx, { carrierId: carrier.id, destination, strategy: "round_robin" })))!.id);
    expect(order).toEqual([byId[2], byId[1], byId[0]]);
  });

  it("returns null (unassigned) when no courier serves the area", async () => {
    const { carrier } = await fleet(1);
    expect(
      await getDb().transaction((tx) => assignCourier(tx, { carrierId: carrier.id, destination: { province: "西藏自治区", city: "拉萨市", district: "城关区" }, strategy: "least_loaded" })),
    ).toBeNull();
  });
});
