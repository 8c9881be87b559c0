import { sql } from "drizzle-orm";
import { describe, expect, inject, it } from "vitest";
import { createDatabase } from "@/server/db/client";
import { createScratchDatabase } from "../../../../test/test-database";
import { seedDemoData } from "./index";

const TABLES = ["users", "categories", "warehouses", "products", "inventory", "addresses"] as const;

describe("demo seed", () => {
  it("loads ≥ 30 products and demo accounts, and a second run changes nothing", async () => {
    const scratch = await createScratchDatabase(inject("adminDatabaseUrl"));
    const { sql: client, db } = createDatabase(scratch.url, 2);
    try {
      const counts = async () => {
        const result: Record<string, number> = {};
        for (const table of TABLES) {
          const [row] = (await db.execute(sql.raw(`select count(*)::int as n from ${table}`))) as unknown as [{ n: number }];
          result[table] = row.n;
        }
        return result;
      };
      await seedDemoData(db);
      const first = await counts();
      expect(first.products).toBeGreaterThanOrEqual(30);
      expect(first.warehouses).toBeGreaterThanOrEqual(3);
      expect(first.users).toBeGreaterThanOrEqual(2);
      expect(first.inventory).toBe(first.products);
      await seedDemoData(db);
      expect(await counts()).toEqual(first);
    } finally {
      await client.end();
      await scratch.drop();
    }
  });
});
