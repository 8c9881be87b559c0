import { describe, expect, it } from "vitest";
import { chinaHourOfDay } from "./china-time";
import { planRedelivery, planTrajectory, promisedBy, type PlanInput } from "./planner";
import { describeCheckpoint } from "./texts";

const base: PlanInput = {
  seed: 20261124,
  logisticsSn: "LG2026112400000001",
  origin: { province: "浙江省", city: "杭州市", district: "萧山区", facility: { zh: "杭州萧山区仓", en: "Hangzhou Xiaoshan Warehouse" } },
  destination: { province: "广东省", city: "深圳市", district: "南山区" },
  // 2026-11-24 10:00 China time
  pickupAt: new Date("2026-11-24T02:00:00Z"),
  speed: "standard",
  workingHours: { start: 8, end: 20 },
  faults: { failedAttemptRate: 0.08, addressProblemRate: 0.02, lostParcelRate: 0.005, outageRate: 0.03, maxDeliveryAttempts: 3 },
};

const ROUTES: [string, PlanInput["origin"], PlanInput["destination"]][] = [
  ["Hangzhou → Shenzhen", base.origin, base.destination],
  ["Hangzhou → same city", base.origin, { province: "浙江省", city: "杭州市", district: "西湖区" }],
  ["Beijing → Ürümqi", { province: "北京市", city: "北京市", district: "大兴区", facility: { zh: "北京大兴区仓", en: "Beijing Daxing" } }, { province: "新疆维吾尔自治区", city: "乌鲁木齐市", district: "天山区" }],
  ["Chengdu → Lhasa", { province: "四川省", city: "成都市", district: "双流区", facility: { zh: "成都双流区仓", en: "Chengdu Shuangliu" } }, { province: "西藏自治区", city: "拉萨市", district: "城关区" }],
  ["Guangzhou → a city without coordinates", { province: "广东省", city: "广州市", district: "白云区", facility: { zh: "广州白云区仓", en: "Guangzhou Baiyun" } }, { province: "浙江省", city: "丽水市", district: "莲都区" }],
];

describe("trajectory planner", () => {
  it("is deterministic for a seed and differs for another seed or parcel", () => {
    const a = planTrajectory(base);
    expect(planTrajectory({ ...base })).toEqual(a);
    expect(planTrajectory({ ...base, seed: 1 }).checkpoints.map((c) => c.at.getTime())).not.toEqual(a.checkpoints.map((c) => c.at.getTime()));
    expect(planTrajectory({ ...base, logisticsSn: "LG2026112400000002" }).checkpoints.map((c) => c.at.getTime())).not.toEqual(
      a.checkpoints.map((c) => c.at.getTime()),
    );
  });

  it("plans Hangzhou → Shenzhen through the Hangzhou and Guangzhou hubs", () => {
    const plan = planTrajectory({ ...base, faults: { ...base.faults, failedAttemptRate: 0, addressProblemRate: 0, lostParcelRate: 0, outageRate: 0 } });
    expect(plan.route.map((r) => r.city)).toEqual(["杭州市", "广州市", "深圳市"]);
    expect(plan.checkpoints.map((c) => c.kind)).toEqual([
      "picked_up",
      "arrived_sorting",
      "departed_sorting",
      "arrived_sorting",
      "departed_sorting",
      "arrived_sorting",
      "departed_sorting",
      "arrived_station",
      "out_for_delivery",
      "delivered",
    ]);
    const texts = plan.checkpoints.map((c) => describeCheckpoint({ ...c }));
    expect(texts[1]).toEqual({ zh: "【杭州市】快件已到达【杭州转运中心】", en: "Arrived at Hangzhou sorting centre" });
    expect(texts[2]!.zh).toBe("【杭州市】快件已从【杭州转运中心】发出，准备发往【广州转运中心】");
    expect(texts[7]!.zh).toBe("【深圳市】快件已到达【深圳南山区营业部】，正在安排派送");
    // Some 1,100 km by road: more than a day on the road, well under a week.
    const hours = (plan.checkpoints.at(-1)!.at.getTime() - plan.checkpoints[0]!.at.getTime()) / 3_600_000;
    expect(hours).toBeGreaterThan(20);
    expect(hours).toBeLessThan(24 * 5);
  });

  it("goes by air for express over long distances", () => {
    const faults = { ...base.faults, failedAttemptRate: 0, addressProblemRate: 0, lostParcelRate: 0, outageRate: 0 };
    const [, origin, destination] = ROUTES[2]!;
    const truck = planTrajectory({ ...base, origin, destination, faults });
    const air = planTrajectory({ ...base, origin, destination, faults, speed: "express" });
    const span = (p: typeof truck) => p.checkpoints.at(-1)!.at.getTime() - p.checkpoints[0]!.at.getTime();
    expect(span(air)).toBeLessThan(span(truck));
  });

  for (const [name, origin, destination] of ROUTES) {
    it(`${name}: over 300 seeds, starts at the ship-from city at the pickup itself, ends at the destination, times strictly increase and delivery rounds keep working hours`, () => {
      for (let seed = 0; seed < 300; seed++) {
        for (const pickupAt of [new Date("2026-11-24T02:00:00Z"), new Date("2026-11-24T14:30:00Z") /* 22:30 China time */]) {
          const plan = planTrajectory({ ...base, seed, origin, destination, pickupAt, faults: { ...base.faults, failedAttemptRate: 0.3, addressProblemRate: 0.1, lostParcelRate: 0.05, outageRate: 0.2 } });
          const cps = plan.checkpoints;
          expect(cps[0]!.kind).toBe("picked_up");
          expect(cps[0]!.city).toBe(origin.city);
          // The pickup scan is the pickup (an admin ships at 22:30: picked up at 22:30, not tomorrow morning).
          expect(cps[0]!.at).toEqual(pickupAt);
          const last = cps.at(-1)!;
          if (last.kind !== "exception_lost") expect(last.city).toBe(destination.city);
          expect(["delivered", "returned", "exception_lost"]).toContain(last.kind);
          for (let i = 1; i < cps.length; i++) {
            expect(cps[i]!.at.getTime()).toBeGreaterThan(cps[i - 1]!.at.getTime());
            expect(cps[i]!.seq).toBe(i);
          }
          for (const cp of cps) {
            if (["out_for_delivery", "delivery_failed", "delivered"].includes(cp.kind)) {
              const hour = chinaHourOfDay(cp.at);
              expect(hour).toBeGreaterThanOrEqual(8);
              expect(hour).toBeLessThan(20);
            }
          }
        }
      }
    });
  }

  it("keeps the promise of the service bought on every fault-free journey, next-day included", () => {
    const calm = { ...base.faults, failedAttemptRate: 0, addressProblemRate: 0, lostParcelRate: 0, outageRate: 0 };
    const chinaDay = (d: Date) => Math.floor((d.getTime() + 8 * 3_600_000) / 86_400_000);
    for (const [, origin, destination] of ROUTES) {
      for (const [speed, promisedDays] of [["express", 1], ["express", 2], ["standard", 3]] as const) {
        for (let hour = 0; hour < 24; hour += 1.5) {
          const pickupAt = new Date(Date.UTC(2026, 10, 23, 16) + hour * 3_600_000 + 17_345);
          for (let seed = 0; seed < 12; seed++) {
            const plan = planTrajectory({ ...base, seed, origin, destination, pickupAt, speed, promisedDays, faults: calm });
            const delivered = plan.checkpoints.find((c) => c.kind === "delivered")!;
            expect(plan.promisedBy).toEqual(promisedBy(pickupAt, promisedDays, base.workingHours));
            expect(delivered.at.getTime(), `${origin.city} → ${destination.city}, ${speed} ${promisedDays}d, picked up ${pickupAt.toISOString()}`).toBeLessThanOrEqual(
              plan.promisedBy!.getTime(),
            );
            expect(chinaDay(delivered.at) - chinaDay(pickupAt)).toBeLessThanOrEqual(promisedDays);
            for (let i = 1; i < plan.checkpoints.length; i++) expect(plan.checkpoints[i]!.at.getTime()).toBeGreaterThan(plan.checkpoints[i - 1]!.at.getTime());
          }
        }
      }
    }
  });

  it("a next-day parcel picked up late in the evening is expected the next day, not the day after", () => {
    // Shanghai → Beijing, picked up 2026-12-03 22:41 China time.
    const pickupAt = new Date("2026-12-03T14:41:00Z");
    const origin = { province: "上海市", city: "上海市", district: "嘉定区", facility: { zh: "上海嘉定区仓", en: "Shanghai Jiading" } };
    const destination = { province: "北京市", city: "北京市", district: "朝阳区" };
    const calm = { ...base.faults, failedAttemptRate: 0, addressProblemRate: 0, lostParcelRate: 0, outageRate: 0 };
    for (let seed = 0; seed < 50; seed++) {
      const plan = planTrajectory({ ...base, seed, origin, destination, pickupAt, speed: "express", promisedDays: 1, faults: calm });
      expect(plan.checkpoints[0]!.at).toEqual(pickupAt);
      const delivered = plan.checkpoints.find((c) => c.kind === "delivered")!;
      expect(delivered.at.getTime()).toBeLessThanOrEqual(new Date("2026-12-04T12:00:00Z").getTime()); // 12-04 20:00 China time
      expect(plan.promisedBy).toEqual(new Date("2026-12-04T12:00:00Z"));
    }
  });

  it("draws faults at about the configured rates, reproducibly", () => {
    const count = (rates: Partial<PlanInput["faults"]>) => {
      const tally = { failed: 0, address: 0, lost: 0, returned: 0 };
      for (let i = 0; i < 2000; i++) {
        const kinds = planTrajectory({ ...base, logisticsSn: `LG${i}`, faults: { ...base.faults, ...rates } }).checkpoints.map((c) => c.kind);
        if (kinds.includes("delivery_failed")) tally.failed++;
        if (kinds.includes("exception_address")) tally.address++;
        if (kinds.includes("exception_lost")) tally.lost++;
        if (kinds.includes("returned")) tally.returned++;
      }
      return tally;
    };
    const none = count({ failedAttemptRate: 0, addressProblemRate: 0, lostParcelRate: 0, outageRate: 0 });
    expect(none).toEqual({ failed: 0, address: 0, lost: 0, returned: 0 });
    const some = count({ failedAttemptRate: 0.2, addressProblemRate: 0.1, lostParcelRate: 0.05 });
    expect(some.failed / 2000).toBeGreaterThan(0.13);
    expect(some.failed / 2000).toBeLessThan(0.3);
    expect(some.address / 2000).toBeGreaterThan(0.05);
    expect(some.lost / 2000).toBeGreaterThan(0.02);
    expect(count({ failedAttemptRate: 0.2, addressProblemRate: 0.1, lostParcelRate: 0.05 })).toEqual(some);
    // Every attempt failing sends the parcel back after the last one.
    const always = planTrajectory({ ...base, faults: { ...base.faults, failedAttemptRate: 1, lostParcelRate: 0, addressProblemRate: 0, maxDeliveryAttempts: 2 } });
    expect(always.checkpoints.filter((c) => c.kind === "delivery_failed")).toHaveLength(2);
    expect(always.checkpoints.at(-1)!.kind).toBe("returned");
  });

  it("plans a redelivery on a later working day, or the return once attempts are used up", () => {
    const from = new Date("2026-11-26T07:00:00Z"); // 15:00 China time
    const next = planRedelivery({ seed: 1, logisticsSn: "LG1", attempt: 1, from, destination: base.destination, workingHours: base.workingHours, giveUp: false });
    expect(next.map((c) => c.kind)).toEqual(["out_for_delivery", "delivered"]);
    expect(next[0]!.at.getTime()).toBeGreaterThan(from.getTime());
    for (const c of next) expect(chinaHourOfDay(c.at)).toBeGreaterThanOrEqual(8);
    const back = planRedelivery({ seed: 1, logisticsSn: "LG1", attempt: 3, from, destination: base.destination, workingHours: base.workingHours, giveUp: true });
    expect(back.map((c) => c.kind)).toEqual(["returned"]);
  });
});
