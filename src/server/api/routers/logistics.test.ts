import { describe, expect, it } from "vitest";
import { getDb } from "@/server/db/client";
import { logisticsSettings } from "@/server/domain/logistics";
import { shipOrder } from "@/server/flows/shipment";
import { callerAs, createAddressFor, createAdmin, createProduct, createShopper } from "../../../../test/fixtures";
import { createPaidOrder, withLogisticsDatabase } from "../../../../test/logistics-fixtures";
import { createCaller } from "../root";
import { createContext } from "../trpc";

withLogisticsDatabase();
const admin = { actor: "admin" as const, note: "test" };

describe("logistics procedures", () => {
  it("offers every enabled option with a server-side fee, and checkout charges the chosen one", async () => {
    const { user, caller } = await createShopper();
    const address = await createAddressFor(user.id, { province: "广东省", city: "深圳市", district: "南山区" });
    const product = await createProduct({ priceMinor: 5000, weightGrams: 2300 });
    const items = [{ productId: product.id, quantity: 1 }];
    const options = await caller.logistics.quoteOptions({ addressId: address.id, items });
    expect(options.length).toBeGreaterThanOrEqual(5);
    expect(options.map((o) => o.feeMinor)).toEqual([...options.map((o) => o.feeMinor)].sort((a, b) => a - b));
    // Zhongtuo economy, Hangzhou → Shenzhen is "far": 2.3 kg → 3 kg = ¥12 first + 2 × ¥6 = ¥24.
    const ztx = options.find((o) => o.carrierCode === "ZTX")!;
    expect(ztx).toMatchObject({ feeMinor: 2400, breakdown: { zone: "far", chargeableWeightGrams: 3000, additionalSteps: 2 } });

    const order = await caller.order.checkout({ addressId: address.id, items, shipping: { carrierCode: "ZTX", serviceLevel: "standard" } });
    expect(order.payableTotalMinor).toBe(5000 + 2400);
    const detail = await caller.order.byId({ id: order.id });
    expect(detail).toMatchObject({ shippingFeeMinor: 2400, carrierCode: "ZTX", serviceLevel: "standard" });

    // A made-up option is refused; the browser cannot name its own fee.
    const error = await caller.order
      .checkout({ addressId: address.id, items, shipping: { carrierCode: "ZTX", serviceLevel: "free_for_me" } })
      .catch((e) => e);
    expect(error.code).toBe("BAD_REQUEST");
    // No choice: the cheapest option is charged.
    const cheapest = await caller.order.checkout({ addressId: address.id, items });
    expect(cheapest.payableTotalMinor).toBe(5000 + options[0]!.feeMinor);
  });

  it("quotes a place picked for a new address like a saved one, and refuses a place that is not a division", async () => {
    const { user, caller } = await createShopper();
    const place = { province: "广东省", city: "深圳市", district: "南山区" };
    const address = await createAddressFor(user.id, place);
    const product = await createProduct({ priceMinor: 5000, weightGrams: 2300 });
    const items = [{ productId: product.id, quantity: 1 }];
    const saved = await caller.logistics.quoteOptions({ addressId: address.id, items });
    expect(await caller.logistics.quoteOptions({ destination: place, items })).toEqual(saved);
    // A typo would otherwise fall back to another zone and quote another fee.
    for (const wrong of [{ ...place, city: "深川市" }, { ...place, province: "Guangdong" }, { ...place, district: "西湖区" }]) {
      await expect(caller.logistics.quoteOptions({ destination: wrong, items })).rejects.toMatchObject({ code: "BAD_REQUEST", cause: { fieldErrors: { destination: [expect.any(String)] } } });
    }
  });

  it("shows shopper A nothing of shopper B's shipment", async () => {
    const b = await createPaidOrder();
    await shipOrder(getDb(), { orderId: b.order.id, by: admin });
    const a = await createShopper();
    await expect(a.caller.logistics.myTracking({ orderId: b.order.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    const own = await b.shopper.caller.logistics.myTracking({ orderId: b.order.id });
    expect(own.status).toBe("picked_up");
    expect(own.events[0]).toMatchObject({ kind: "picked_up", city: "杭州市" });
    expect(own.destination.detail).toBe(b.address.detail);
    expect(own.courier?.phone).toMatch(/^\d{3}\*{4}\d{4}$/);
    await expect(callerAs(null).logistics.myTracking({ orderId: b.order.id })).rejects.toMatchObject({ code: "UNAUTHORIZED" });
  });

  it("public lookup masks the recipient's name, phone and street", async () => {
    const b = await createPaidOrder({ address: { recipient: "欧阳娜娜", phone: "13912345678", detail: "文三路 478 号 1201 室" } });
    const shipment = await shipOrder(getDb(), { orderId: b.order.id, by: admin });
    const view = await callerAs(null).logistics.track({ trackingNo: ` ${shipment.trackingNo.toLowerCase()} ` });
    expect(view.trackingNo).toBe(shipment.trackingNo);
    expect(view.destination).toMatchObject({ recipient: "欧***", phone: "139****5678", detail: "****", city: "杭州市" });
    const text = JSON.stringify(view);
    expect(text).not.toContain("欧阳娜娜");
    expect(text).not.toContain("13912345678");
    expect(text).not.toContain("文三路");
    expect(view).not.toHaveProperty("orderId");
    await expect(callerAs(null).logistics.track({ trackingNo: "SW0000000000000" })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("rate-limits the public lookup per client with TOO_MANY_REQUESTS", async () => {
    await logisticsSettings.update(getDb(), { publicLookupsPerMinute: 3 }, null);
    try {
      const client = createCaller(createContext({ db: getDb(), session: null, requestId: "t", clientIp: "203.0.113.9" }));
      for (let i = 0; i < 3; i++) await expect(client.logistics.track({ trackingNo: "SW0000000000000" })).rejects.toMatchObject({ code: "NOT_FOUND" });
      await expect(client.logistics.track({ trackingNo: "SW0000000000000" })).rejects.toMatchObject({ code: "TOO_MANY_REQUESTS" });
      const other = createCaller(createContext({ db: getDb(), session: null, requestId: "t", clientIp: "203.0.113.10" }));
      await expect(other.logistics.track({ trackingNo: "SW0000000000000" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    } finally {
      await logisticsSettings.update(getDb(), { publicLookupsPerMinute: 20 }, null);
    }
  });

  it("keeps admin procedures for admins and validates carriers", async () => {
    const shopper = await createShopper();
    await expect(shopper.caller.adminLogistics.list({})).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(callerAs(null).adminCarriers.list()).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    const { caller } = await createAdmin();
    const bad = await caller.adminCarriers
      .create({ code: "x", nameEn: "", nameZh: "测", trackingPrefix: "QQ", trackingBodyLength: 3, trackingCheck: "luhn", serviceLevels: [] })
      .catch((e) => e);
    expect(bad.code).toBe("BAD_REQUEST");
    expect(bad.cause?.issues?.length).toBeGreaterThan(2);
    const taken = await caller.adminCarriers
      .create({
        code: "SWIFT",
        nameEn: "Again",
        nameZh: "重复",
        trackingPrefix: "AG",
        trackingBodyLength: 10,
        trackingCheck: "luhn",
        serviceLevels: [
          {
            code: "standard",
            nameEn: "S",
            nameZh: "标",
            promisedDays: 2,
            firstWeightGrams: 1000,
            stepGrams: 1000,
            volumetricDivisor: 6000,
            rules: (["same_city", "same_province", "neighbouring", "far", "remote"] as const).map((zone) => ({ zone, firstFeeMinor: 100, additionalFeeMinor: 100 })),
          },
        ],
      })
      .catch((e) => e);
    expect(taken.code).toBe("CONFLICT");
    const breakdown = await caller.adminCarriers.calculate({
      carrierCode: "SWIFT",
      serviceLevel: "standard",
      origin: { province: "浙江省", city: "杭州市" },
      destination: { province: "新疆维吾尔自治区", city: "乌鲁木齐市" },
      weightGrams: 1500,
      lengthMm: 300,
      widthMm: 200,
      heightMm: 200,
    });
    // 300 × 200 × 200 / 6000 = 2000 g volumetric > 1500 g actual; remote: ¥28 + 1 × ¥15 = ¥43.
    expect(breakdown).toMatchObject({ zone: "remote", volumetricWeightGrams: 2000, weightBasis: "volumetric", chargeableWeightGrams: 2000, totalMinor: 4300 });
  });

  it("pages shipments by cursor with neither a repeated nor a skipped parcel while new ones are created", async () => {
    const { caller } = await createAdmin();
    // This file's database is its own and its tests run one after another: "created since now"
    // holds exactly this test's parcels.
    const from = new Date(Date.now() - 1000);
    const made = [];
    for (let i = 0; i < 5; i++) {
      const paid = await createPaidOrder();
      made.push(await caller.adminLogistics.createForOrder({ orderId: paid.order.id }));
    }
    const ids = new Set(made.map((m) => m.id));
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    for (;;) {
      const page = await caller.adminLogistics.list({ from, pageSize: 2, cursor });
      pages += 1;
      expect(page.page).toBe(pages);
      expect(page.totalIsEstimate).toBe(false);
      seen.push(...page.items.map((item) => item.id));
      if (!page.nextCursor) break;
      cursor = page.nextCursor;
      // A new parcel at the top of the newest-first list between page loads.
      await caller.adminLogistics.createForOrder({ orderId: (await createPaidOrder()).order.id });
    }
    expect(new Set(seen).size).toBe(seen.length);
    for (const id of ids) expect(seen).toContain(id);
    expect(pages).toBeGreaterThanOrEqual(3);
  });

  it("sorts shipments by fee or by creation, either way, and pages each sort by cursor without repeats or gaps", async () => {
    const { caller } = await createAdmin();
    const from = new Date(Date.now() - 1000);
    // Heavier parcels cost more, so the fees differ; two of one weight tie on the fee and the id breaks the tie.
    const ours = new Set<string>();
    for (const weightGrams of [500, 4_000, 1_500, 9_000, 1_500]) {
      const paid = await createPaidOrder({ weightGrams });
      ours.add((await caller.adminLogistics.createForOrder({ orderId: paid.order.id })).id);
    }
    // Every page of the sort; other tests may add shipments meanwhile, so the checks below are on this test's five.
    const walk = async (sort: "created_desc" | "created_asc" | "fee_desc" | "fee_asc") => {
      const rows: { id: string; feeMinor: number; createdAt: Date }[] = [];
      let cursor: string | undefined;
      for (;;) {
        const page = await caller.adminLogistics.list({ from, sort, pageSize: 2, cursor });
        rows.push(...page.items);
        if (!page.nextCursor) {
          expect(new Set(rows.map((r) => r.id)).size, "no shipment on two pages").toBe(rows.length);
          return rows.filter((r) => ours.has(r.id));
        }
        cursor = page.nextCursor;
      }
    };
    const key = (row: { id: string; feeMinor: number }) => [row.feeMinor, row.id] as const;
    const byFee = (a: { id: string; feeMinor: number }, b: { id: string; feeMinor: number }) => key(a)[0] - key(b)[0] || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

    const feeAsc = await walk("fee_asc");
    expect(feeAsc).toHaveLength(5);
    expect(new Set(feeAsc.map((r) => r.id)).size).toBe(5);
    expect(new Set(feeAsc.map((r) => r.feeMinor)).size).toBeGreaterThanOrEqual(3);
    expect(feeAsc).toEqual([...feeAsc].sort(byFee));
    expect((await walk("fee_desc")).map((r) => r.id)).toEqual(feeAsc.map((r) => r.id).reverse());
    const createdAsc = await walk("created_asc");
    expect(createdAsc.map((r) => r.createdAt.getTime())).toEqual(createdAsc.map((r) => r.createdAt.getTime()).sort((a, b) => a - b));
    expect((await walk("created_desc")).map((r) => r.id)).toEqual(createdAsc.map((r) => r.id).reverse());
    // A cursor from one sort opens the first page of another, never a wrong slice of it.
    const first = await caller.adminLogistics.list({ from, sort: "fee_asc", pageSize: 2 });
    expect((await caller.adminLogistics.list({ from, sort: "created_asc", pageSize: 2, cursor: first.nextCursor! })).page).toBe(1);
  });

  it("lists shipments with filters and queues for admins", async () => {
    const b = await createPaidOrder({ address: { province: "西藏自治区", city: "拉萨市", district: "城关区" } });
    const { caller } = await createAdmin();
    await caller.adminLogistics.createForOrder({ orderId: b.order.id });
    const unassigned = await caller.adminLogistics.list({ queue: "unassigned", orderNo: b.order.orderNo });
    expect(unassigned.items).toHaveLength(1);
    expect(unassigned.queues.unassigned).toBeGreaterThanOrEqual(1);
    const shipped = await caller.adminLogistics.ship({ orderId: b.order.id });
    expect(shipped.status).toBe("picked_up");
    const byTracking = await caller.adminLogistics.list({ trackingNo: shipped.trackingNo });
    expect(byTracking.items.map((i) => i.id)).toEqual([shipped.id]);
    const detail = await caller.adminLogistics.byId({ id: shipped.id });
    expect(detail.upcoming.length).toBeGreaterThan(0);
    expect(detail.courier).toBeNull();
    const stats = await caller.adminLogistics.stats({ from: new Date(Date.now() - 86_400_000), to: new Date(Date.now() + 86_400_000) });
    expect(stats.totals.shipments).toBeGreaterThanOrEqual(1);
    expect(stats.byCarrier.length).toBeGreaterThanOrEqual(1);
  });
});
