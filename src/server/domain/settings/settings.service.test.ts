import { desc, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { getDb } from "@/server/db/client";
import { appSettings, settingsChanges } from "@/server/db/schema";
import { createAdmin } from "../../../../test/fixtures";
import { defineSettings } from "./settings.service";

const demo = defineSettings(`test-${Date.now()}`, z.object({ rate: z.number().min(0).max(1).default(0.9), label: z.string().default("x") }));

describe("settings", () => {
  it("returns defaults, validates updates, and logs who changed what", async () => {
    const db = getDb();
    expect(await demo.get(db)).toEqual({ rate: 0.9, label: "x" });
    await expect(demo.update(db, { rate: 2 }, null)).rejects.toMatchObject({ code: "VALIDATION_FAILED", fieldErrors: { rate: [expect.any(String)] } });
    expect(await demo.get(db)).toEqual({ rate: 0.9, label: "x" });
    const updated = await demo.update(db, { rate: 0.5 }, null);
    expect(updated).toEqual({ rate: 0.5, label: "x" });
    const [change] = await db.select().from(settingsChanges).where(eq(settingsChanges.namespace, demo.namespace)).orderBy(desc(settingsChanges.id));
    expect(change).toMatchObject({ before: { rate: 0.9 }, after: { rate: 0.5 } });

    // The history names the admin by email; a change without one is the system's (null).
    const admin = await createAdmin();
    await demo.update(db, { label: "y" }, admin.user.id);
    const [byAdmin, bySystem] = await demo.history(db, 2);
    expect(byAdmin).toMatchObject({ changedBy: admin.user.email, before: { label: "x" }, after: { label: "y" } });
    expect(bySystem).toMatchObject({ changedBy: null, after: { rate: 0.5 } });
  });

  it("serialises concurrent updates: none is lost", async () => {
    const counter = defineSettings(`counter-${Date.now()}`, z.object({ a: z.number().default(0), b: z.number().default(0) }));
    const db = getDb();
    await Promise.all(Array.from({ length: 20 }, (_, i) => counter.update(db, i % 2 ? { a: i } : { b: i }, null)));
    // Serialised means each change starts from the previous one's result: a read-then-write
    // race would give two changes the same `before` and drop one of them.
    const history = (await counter.history(db, 100)).reverse();
    expect(history).toHaveLength(20);
    for (let i = 1; i < history.length; i++) expect(history[i]!.before).toEqual(history[i - 1]!.after);
    expect(await counter.get(db)).toEqual(history.at(-1)!.after);
  });
});

describe("settings cache", () => {
  const schema = z.object({ rate: z.number().default(0.9) });

  it("serves reads from the process cache; an update through the store is seen at once", async () => {
    const db = getDb();
    const namespace = `cached-${Date.now()}`;
    const here = defineSettings(namespace, schema);

    expect(await here.get(db)).toEqual({ rate: 0.9 });
    // A row changed behind the store's back is not seen while cached (another process's update
    // reaches this one through cache-sync's notification, see cache-sync.test.ts)…
    await db.insert(appSettings).values({ namespace, value: { rate: 0.1 } });
    expect(await here.get(db)).toEqual({ rate: 0.9 });
    // …but an update through the store is seen by the next read at once.
    await here.update(db, { rate: 0.5 }, null);
    expect(await here.get(db)).toEqual({ rate: 0.5 });
    expect(Object.isFrozen(await here.get(db))).toBe(true);
  });

});
