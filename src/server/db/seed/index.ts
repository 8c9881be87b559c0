import { and, eq, inArray, isNull, sql } from "drizzle-orm";
import { ADVISORY_LOCKS, withAdvisoryLock } from "@/server/db/advisory-lock";
import type { Database } from "@/server/db/client";
import { addresses, categories, inventory, products, users, warehouses } from "@/server/db/schema";
import { attachProductImage, catalogChanged, prepareProductImage, productArtworkPng, type PreparedProductImage } from "@/server/domain/catalog";
import { hashPassword } from "@/server/domain/user/password";
import { CATEGORIES, DEMO_ACCOUNTS, DEMO_ADDRESSES, PRODUCTS, WAREHOUSES } from "./catalog-data";
import { seedLogistics } from "./logistics-seed";

/**
 * Loads the demo data. Idempotent: every insert is keyed on a natural key (slug, code, sku,
 * email) and skips rows that exist, so a second run changes nothing. Other modules add
 * their own seed steps to `SEED_STEPS`.
 */
export type SeedStep = { name: string; run: (db: Database) => Promise<void> };

async function seedCatalog(db: Database) {
  await db.insert(categories).values([...CATEGORIES]).onConflictDoNothing({ target: categories.slug });
  await db.insert(warehouses).values([...WAREHOUSES]).onConflictDoNothing({ target: warehouses.code });
  const categoryIds = new Map((await db.select({ id: categories.id, slug: categories.slug }).from(categories)).map((c) => [c.slug, c.id]));
  const warehouseIds = new Map((await db.select({ id: warehouses.id, code: warehouses.code }).from(warehouses)).map((w) => [w.code, w.id]));
  await db
    .insert(products)
    .values(
      PRODUCTS.map((p) => ({
        sku: p.sku,
        name: p.name,
        nameZh: p.nameZh,
        description: p.description,
        descriptionZh: p.descriptionZh,
        categoryId: categoryIds.get(p.category)!,
        warehouseId: warehouseIds.get(p.warehouse)!,
        priceMinor: p.priceMinor,
        weightGrams: p.weightGrams,
        lengthMm: p.size[0],
        widthMm: p.size[1],
        heightMm: p.size[2],
      })),
    )
    .onConflictDoNothing({ target: products.sku });
  const stock = new Map(PRODUCTS.map((p) => [p.sku, p.stock]));
  const rows = await db.select({ id: products.id, sku: products.sku }).from(products).where(inArray(products.sku, [...stock.keys()]));
  await db
    .insert(inventory)
    .values(rows.map((r) => ({ productId: r.id, onHand: stock.get(r.sku)! })))
    .onConflictDoNothing({ target: inventory.productId });
  // Demo databases seeded before the Chinese names existed get them; a name an admin typed stays.
  for (const p of PRODUCTS) {
    await db.update(products).set({ nameZh: p.nameZh, descriptionZh: p.descriptionZh }).where(and(eq(products.sku, p.sku), eq(products.nameZh, "")));
  }
  catalogChanged(db);
}

/** Artwork prepared once per process: a second seed (tests, a restart in dev) reuses it. */
const preparedArtwork = new Map<string, Promise<PreparedProductImage>>();
function artworkFor(seed: (typeof PRODUCTS)[number]): Promise<PreparedProductImage> {
  let prepared = preparedArtwork.get(seed.sku);
  if (!prepared) {
    prepared = productArtworkPng({ sku: seed.sku, name: seed.name, category: seed.category }).then(prepareProductImage);
    prepared.catch(() => preparedArtwork.delete(seed.sku));
    preparedArtwork.set(seed.sku, prepared);
  }
  return prepared;
}

/**
 * Gives every demo product without a picture its generated artwork, through the same checks,
 * resizing and storage as an admin's upload. Products that have an image keep it.
 */
async function seedProductImages(db: Database) {
  const missing = await db
    .select({ id: products.id, sku: products.sku })
    .from(products)
    .where(and(inArray(products.sku, PRODUCTS.map((p) => p.sku)), isNull(products.imageUrl)));
  const bySku = new Map(PRODUCTS.map((p) => [p.sku, p]));
  // A few at a time: libvips uses its own threads, and the seed runs beside a starting server.
  for (let i = 0; i < missing.length; i += 4) {
    await Promise.all(
      missing.slice(i, i + 4).map(async ({ id, sku }) => {
        const image = await artworkFor(bySku.get(sku)!);
        await db.transaction((tx) => attachProductImage(tx, { productId: id, image, by: null }));
      }),
    );
  }
}

async function seedAccounts(db: Database) {
  for (const account of DEMO_ACCOUNTS) {
    const [existing] = await db.select({ id: users.id }).from(users).where(eq(users.email, account.email));
    const userId =
      existing?.id ??
      (
        await db
          .insert(users)
          .values({ email: account.email, name: account.name, role: account.role, passwordHash: await hashPassword(account.password) })
          .onConflictDoNothing({ target: users.email })
          .returning({ id: users.id })
      )[0]?.id;
    const wanted = DEMO_ADDRESSES[account.email];
    if (!userId || !wanted) continue;
    const [{ n } = { n: 0 }] = await db.select({ n: sql<number>`count(*)::int` }).from(addresses).where(eq(addresses.userId, userId));
    if (n === 0) await db.insert(addresses).values(wanted.map((a) => ({ ...a, userId })));
  }
}

export const SEED_STEPS: SeedStep[] = [
  { name: "catalog", run: seedCatalog },
  { name: "product images", run: seedProductImages },
  { name: "accounts", run: seedAccounts },
  { name: "logistics", run: seedLogistics },
];

/**
 * Runs `work` while holding the seed lock: the steps check for rows and then insert (a demo
 * account's addresses, for one), so two seeds at once — two processes starting together —
 * would insert some rows twice; under the lock the second finds everything in place.
 * Takes one connection of `db`'s pool besides those `work` uses.
 */
export function withSeedLock<T>(db: Database, work: () => Promise<T>): Promise<T> {
  return withAdvisoryLock(db.$client, ADVISORY_LOCKS.seed, work);
}

export async function seedDemoData(db: Database, log: (line: string) => void = () => {}): Promise<void> {
  await withSeedLock(db, async () => {
    for (const step of SEED_STEPS) {
      await step.run(db);
      log(`seeded ${step.name}`);
    }
  });
}
