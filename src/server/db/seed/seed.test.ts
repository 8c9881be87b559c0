import { sql } from "drizzle-orm";
import { describe, expect, inject, it } from "vitest";
import postgres from "postgres";
import { ADVISORY_LOCK_NAMESPACE, ADVISORY_LOCKS } from "@/server/db/advisory-lock";
import { createDatabase } from "@/server/db/client";
import { until } from "../../../../test/processes";
import { createScratchDatabase } from "../../../../test/test-database";
import { productImages, products } from "@/server/db/schema";
import { PRODUCTS } from "./catalog-data";
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

      // Every demo product has its Chinese name and description and a stored picture in both sizes.
      const seeded = await db
        .select({ sku: products.sku, name: products.name, nameZh: products.nameZh, descriptionZh: products.descriptionZh, imageUrl: products.imageUrl, grid: productImages.grid, page: productImages.page })
        .from(products)
        .leftJoin(productImages, sql`${products.imageUrl} = '/images/products/' || ${productImages.hash}`);
      expect(seeded).toHaveLength(PRODUCTS.length);
      for (const product of seeded) {
        expect(product.nameZh, product.sku).toMatch(/\p{Script=Han}/u);
        expect(product.nameZh, product.sku).not.toBe(product.name);
        expect(product.descriptionZh, product.sku).toMatch(/\p{Script=Han}/u);
        expect(product.imageUrl, product.sku).toMatch(/^\/images\/products\/[0-9a-f]{32}$/);
        expect(product.grid?.length, product.sku).toBeGreaterThan(500);
        expect(product.page?.length, product.sku).toBeGreaterThan(product.grid!.length);
      }
      // Generated from the product's data: products differ from each other.
      expect(new Set(seeded.map((p) => p.imageUrl)).size).toBe(seeded.length);
    } finally {
      await client.end();
      await scratch.drop();
    }
  });

  it("two seeds at once (two starts) insert every row once: the second waits for the first under the seed lock", async () => {
    const scratch = await createScratchDatabase(inject("adminDatabaseUrl"));
    const one = createDatabase(scratch.url, 2);
    const two = createDatabase(scratch.url, 2);
    const holder = postgres(scratch.url, { max: 1, onnotice: () => {} });
    try {
      await holder`select pg_advisory_lock(${ADVISORY_LOCK_NAMESPACE}, ${ADVISORY_LOCKS.seed})`;
      const seeding = Promise.all([seedDemoData(one.db), seedDemoData(two.db)]);
      await until("both seeds to wait for the lock", async () => {
        const [row] = await holder<{ n: number }[]>`select count(*)::int as n from pg_locks where locktype = 'advisory' and objid = ${ADVISORY_LOCKS.seed} and not granted`;
        return row!.n === 2;
      });
      const [before] = await holder<{ n: number }[]>`select count(*)::int as n from users`;
      expect(before!.n).toBe(0);
      await holder`select pg_advisory_unlock(${ADVISORY_LOCK_NAMESPACE}, ${ADVISORY_LOCKS.seed})`;
      await seeding;
      const [{ addresses, users, products } = { addresses: 0, users: 0, products: 0 }] = await holder<{ addresses: number; users: number; products: number }[]>`
        select (select count(*)::int from addresses) as addresses, (select count(*)::int from users) as users, (select count(*)::int from products) as products`;
      const [{ duplicated } = { duplicated: -1 }] = await holder<{ duplicated: number }[]>`
        select count(*)::int as duplicated from (select user_id, detail from addresses group by user_id, detail having count(*) > 1) d`;
      expect(duplicated).toBe(0);
      expect(users).toBeGreaterThanOrEqual(2);
      expect(products).toBeGreaterThanOrEqual(30);
      expect(addresses).toBeGreaterThan(0);
    } finally {
      await Promise.all([one.sql.end(), two.sql.end(), holder.end()]);
      await scratch.drop();
    }
  });
});
