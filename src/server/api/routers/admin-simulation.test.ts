import { describe, expect, it } from "vitest";
import { getDb } from "@/server/db/client";
import { runSimulationBatch } from "@/server/flows/simulation-run";
import { callerAs, createAdmin, createShopper } from "../../../../test/fixtures";
import { withSimulationDatabase } from "../../../../test/simulation-fixtures";

withSimulationDatabase();

describe("adminSimulation router", () => {
  it("is for admins only: shoppers get FORBIDDEN, the signed-out UNAUTHORIZED", async () => {
    const { caller } = await createShopper();
    const input = { shoppers: 1, orders: 1, mix: { paid: 100 } };
    await expect(caller.adminSimulation.start(input)).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(caller.adminSimulation.list({})).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(caller.adminSimulation.initialise({ scope: "logistics" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(caller.adminSimulation.cancel({ runId: "00000000-0000-4000-8000-000000000000" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(callerAs(null).adminSimulation.list({})).rejects.toMatchObject({ code: "UNAUTHORIZED" });
  });

  it("refuses a mix that does not add up to 100% with a field message", async () => {
    const { caller } = await createAdmin();
    const error = await caller.adminSimulation.start({ shoppers: 1, orders: 1, mix: { paid: 60, cancelled: 30 } }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "BAD_REQUEST" });
    await expect(caller.adminSimulation.start({ shoppers: 0, orders: 1, mix: { paid: 100 } })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(caller.adminSimulation.start({ shoppers: 1, orders: 1, mix: { paid: 100 }, pacing: "rate" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });

  it("starts, shows progress, refuses a second start, cancels, lists history; initialise is idempotent", async () => {
    const { caller } = await createAdmin();
    const run = await caller.adminSimulation.start({ shoppers: 2, orders: 4, batchSize: 2, mix: { paid: 50, abandoned: 50 }, carriers: ["ZTX"], seed: 3 });
    expect(run).toMatchObject({ status: "running", executor: "local", totalOrders: 4, percent: 0, seed: 3 });
    await expect(caller.adminSimulation.start({ shoppers: 1, orders: 1, mix: { paid: 100 } })).rejects.toMatchObject({ code: "CONFLICT" });
    await runSimulationBatch(getDb(), { runId: run.id, batch: 0 });
    expect(await caller.adminSimulation.byId({ runId: run.id })).toMatchObject({ percent: 50, ordersCreated: 2 });
    expect(await caller.adminSimulation.cancel({ runId: run.id })).toMatchObject({ status: "cancelled" });
    await expect(caller.adminSimulation.byId({ runId: "00000000-0000-4000-8000-000000000000" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    const history = await caller.adminSimulation.list({});
    expect(history.items[0]).toMatchObject({ id: run.id, status: "cancelled", percent: 50 });

    expect(await caller.adminSimulation.initialise({ scope: "logistics" })).toEqual({ scope: "logistics" });
    const carriers = await caller.adminCarriers.list();
    expect(await caller.adminSimulation.initialise({ scope: "logistics" })).toEqual({ scope: "logistics" });
    expect((await caller.adminCarriers.list()).length).toBe(carriers.length);
  });

  it("reset puts edited demo carriers and couriers back as seeded and keeps what an admin added", async () => {
    const { caller } = await createAdmin();
    await caller.adminSimulation.initialise({ scope: "logistics" });
    const seeded = (await caller.adminCarriers.list()).find((c) => c.code === "ZTX")!;
    const level = seeded.serviceLevels[0]!;
    // An admin renames the carrier, doubles a fee, disables it and sends one of its couriers off duty…
    const { id: _levelId, carrierId: _carrierId, rules, ...levelFields } = level;
    await caller.adminCarriers.update({
      ...seeded,
      nameEn: "Renamed Freight",
      serviceLevels: [{ ...levelFields, rules: rules.map(({ zone, firstFeeMinor, additionalFeeMinor }) => ({ zone, firstFeeMinor: firstFeeMinor * 2, additionalFeeMinor })) }],
    });
    await caller.adminCarriers.setEnabled({ id: seeded.id, enabled: false });
    const courier = (await caller.adminCarriers.couriers({ carrierId: seeded.id, page: 1, pageSize: 1 })).items[0]!;
    await caller.adminCarriers.setCourierStatus({ id: courier.id, status: "off_duty" });
    // …and adds a carrier of their own.
    const own = await caller.adminCarriers.create({ ...seeded, code: "OWNX", nameEn: "Own Freight", serviceLevels: [{ ...levelFields, rules }] });

    for (let i = 0; i < 2; i++) expect(await caller.adminSimulation.initialise({ scope: "reset-logistics" })).toEqual({ scope: "reset-logistics" });

    const restored = await caller.adminCarriers.byId({ id: seeded.id });
    expect(restored).toMatchObject({ nameEn: seeded.nameEn, enabled: true });
    expect(restored.serviceLevels.map((l) => l.rules.map((r) => r.firstFeeMinor))).toEqual(seeded.serviceLevels.map((l) => l.rules.map((r) => r.firstFeeMinor)));
    expect(await caller.adminCarriers.courierById({ id: courier.id })).toMatchObject({ status: "active", name: courier.name });
    expect(await caller.adminCarriers.byId({ id: own.id })).toMatchObject({ code: "OWNX", nameEn: "Own Freight" });
  });
});
