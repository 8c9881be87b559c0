import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { createCaller } from "../src/server/api/root";
import { createContext } from "../src/server/api/trpc";
import { getDb } from "../src/server/db/client";
import { addresses, categories, inventory, products, users, warehouses } from "../src/server/db/schema";
import { catalogChanged } from "../src/server/domain/catalog";
import { createAuthSession, hashPassword, type Role, type SessionUser } from "../src/server/domain/user";

/**
 * Builders for test data. Every builder makes unique rows, so test files can run in parallel
 * against one database without stepping on each other.
 */
const unique = () => randomUUID().slice(0, 8);

/**
 * Users created by this test file (each file runs in its own process). Checks that scan the
 * database after a test use it to look only at this file's data, never at another file's
 * scenario caught half-way.
 */
export const usersCreatedHere = new Set<string>();

export async function createUser(role: Role = "shopper", overrides: Partial<{ email: string; name: string; password: string }> = {}) {
  const email = overrides.email ?? `${role}-${unique()}@example.test`;
  const [user] = await getDb()
    .insert(users)
    .values({ email, name: overrides.name ?? `Test ${role}`, role, passwordHash: await hashPassword(overrides.password ?? "password123") })
    .returning();
  usersCreatedHere.add(user!.id);
  return user!;
}

/** A signed-in session for a user, as the tRPC context would see it. */
export async function sessionFor(user: { id: string; email: string; name: string; role: string }): Promise<SessionUser> {
  const sessionId = await createAuthSession(getDb(), user.id);
  return { id: user.id, email: user.email, name: user.name, role: user.role as Role, sessionId };
}

/** A tRPC caller acting as `session` (null = signed out). */
export function callerAs(session: SessionUser | null) {
  return createCaller(createContext({ db: getDb(), session, requestId: `test-${unique()}` }));
}

export async function createShopper() {
  const user = await createUser("shopper");
  const session = await sessionFor(user);
  return { user, session, caller: callerAs(session) };
}

export async function createAdmin() {
  const user = await createUser("admin");
  const session = await sessionFor(user);
  return { user, session, caller: callerAs(session) };
}

async function ensureCategoryAndWarehouse() {
  const db = getDb();
  await db.insert(categories).values({ slug: "test-category", nameEn: "Test", nameZh: "测试" }).onConflictDoNothing();
  await db
    .insert(warehouses)
    .values({ code: "WH-TEST", name: "Test warehouse", province: "浙江省", city: "杭州市", district: "萧山区", detail: "测试路 1 号" })
    .onConflictDoNothing();
  const [category] = await db.select().from(categories).where(eq(categories.slug, "test-category"));
  const [warehouse] = await db.select().from(warehouses).where(eq(warehouses.code, "WH-TEST"));
  return { categoryId: category!.id, warehouseId: warehouse!.id };
}

export async function createProduct(options: { stock?: number; priceMinor?: number; name?: string; weightGrams?: number; active?: boolean } = {}) {
  const db = getDb();
  const { categoryId, warehouseId } = await ensureCategoryAndWarehouse();
  const sku = `T-${unique()}`;
  const [product] = await db
    .insert(products)
    .values({
      sku,
      name: options.name ?? `Test product ${sku}`,
      categoryId,
      warehouseId,
      priceMinor: options.priceMinor ?? 1999,
      weightGrams: options.weightGrams ?? 500,
      active: options.active ?? true,
    })
    .returning();
  await db.insert(inventory).values({ productId: product!.id, onHand: options.stock ?? 100 });
  catalogChanged(db); // written behind the services' back: tell the catalog cache
  return product!;
}

export async function createAddressFor(userId: string, overrides: Partial<typeof addresses.$inferInsert> = {}) {
  const [address] = await getDb()
    .insert(addresses)
    .values({
      userId,
      recipient: "王芳",
      phone: "13700001111",
      province: "浙江省",
      city: "杭州市",
      district: "西湖区",
      detail: "文一西路 969 号",
      isDefault: true,
      ...overrides,
    })
    .returning();
  return address!;
}

/** A shopper with an address and a pending order for one product. */
export async function createPendingOrder(options: { priceMinor?: number; quantity?: number; stock?: number } = {}) {
  const shopper = await createShopper();
  const address = await createAddressFor(shopper.user.id);
  const product = await createProduct({ stock: options.stock ?? 50, priceMinor: options.priceMinor ?? 12_345 });
  const order = await shopper.caller.order.checkout({ addressId: address.id, items: [{ productId: product.id, quantity: options.quantity ?? 1 }] });
  return { shopper, address, product, order };
}
