import { describe, expect, it } from "vitest";
import { createShopper } from "../../../../test/fixtures";

const base = { recipient: "陈静", phone: "13611112222", province: "四川省", city: "成都市", district: "武侯区", detail: "人民南路四段 1 号" };

describe("addresses", () => {
  it("keeps exactly one default: first address, then whichever is chosen, then the newest after a delete", async () => {
    const { caller } = await createShopper();
    const first = await caller.address.create(base);
    expect(first.isDefault).toBe(true);
    const second = await caller.address.create({ ...base, detail: "天府大道 2 号", isDefault: true });
    let list = await caller.address.list();
    expect(list.filter((a) => a.isDefault).map((a) => a.id)).toEqual([second.id]);
    await caller.address.setDefault({ id: first.id });
    list = await caller.address.list();
    expect(list.filter((a) => a.isDefault).map((a) => a.id)).toEqual([first.id]);
    await caller.address.remove({ id: first.id });
    list = await caller.address.list();
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ id: second.id, isDefault: true });
  });

  it("keeps addresses exactly as entered", async () => {
    const { caller } = await createShopper();
    const created = await caller.address.create({ ...base, detail: "  春熙路 8 号 3-2  " });
    expect(created.detail).toBe("春熙路 8 号 3-2");
    const updated = await caller.address.update({ id: created.id, ...base, recipient: "陈 静" });
    expect(updated.recipient).toBe("陈 静");
  });

  it("refuses a place that is not a real division, naming the field, and saves nothing", async () => {
    const { caller } = await createShopper();
    const typo = await caller.address.create({ ...base, city: "成者市" }).catch((e: unknown) => e);
    expect(typo).toMatchObject({ code: "BAD_REQUEST", cause: { code: "VALIDATION_FAILED", fieldErrors: { city: [expect.any(String)] } } });
    const free = await caller.address.create({ ...base, province: "Sichuan" }).catch((e: unknown) => e);
    expect(free).toMatchObject({ code: "BAD_REQUEST", cause: { fieldErrors: { province: [expect.any(String)] } } });
    expect(await caller.address.list()).toHaveLength(0);
    const saved = await caller.address.create(base);
    await expect(caller.address.update({ id: saved.id, ...base, district: "西湖区" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    expect((await caller.address.list())[0]).toMatchObject({ district: "武侯区" });
  });

  it("answers twelve concurrent default changes cleanly and ends with exactly one default, one the callers chose", async () => {
    const { caller } = await createShopper();
    const created = [];
    for (let i = 0; i < 12; i++) created.push(await caller.address.create({ ...base, detail: `锦里路 ${i + 1} 号` }));
    for (let round = 0; round < 3; round++) {
      const results = await Promise.allSettled(created.map((a) => caller.address.setDefault({ id: a.id })));
      expect(results.filter((r) => r.status === "rejected").map((r) => String((r as PromiseRejectedResult).reason))).toEqual([]);
      const defaults = (await caller.address.list()).filter((a) => a.isDefault);
      expect(defaults).toHaveLength(1);
    }
  });
});
