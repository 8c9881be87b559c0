import { and, desc, eq, ne, sql } from "drizzle-orm";
import type { Database, DbOrTx, Tx } from "@/server/db/client";
import { prepared } from "@/server/db/prepared";
import { addresses } from "@/server/db/schema";
import { lockUser } from "@/server/domain/user";
import { DomainError } from "@/server/errors";
import { assertKnownArea } from "./address-area";
import { ZAddressInput, type Address, type AddressInput } from "./address.schemas";

const columns = {
  id: addresses.id,
  recipient: addresses.recipient,
  phone: addresses.phone,
  province: addresses.province,
  city: addresses.city,
  district: addresses.district,
  detail: addresses.detail,
  isDefault: addresses.isDefault,
};

/** A shopper's addresses, default first. */
export async function listAddresses(db: DbOrTx, userId: string): Promise<Address[]> {
  // Built once: the simulation's generator reads its shoppers' addresses with every batch.
  return prepared(db, "shopper-addresses", (d) =>
    d
      .select(columns)
      .from(addresses)
      .where(eq(addresses.userId, sql.placeholder("userId")))
      .orderBy(desc(addresses.isDefault), desc(addresses.createdAt))
      .prepare("shopper_addresses"),
  ).execute({ userId });
}

/** Each shopper's first address as listAddresses orders them (the default first), for many shoppers in one read. */
export async function firstAddressOfEach(db: DbOrTx, userIds: string[]): Promise<Map<string, Address>> {
  if (userIds.length === 0) return new Map();
  const rows = await prepared(db, "first-address-of-each", (d) =>
    d
      .selectDistinctOn([addresses.userId], { ...columns, userId: addresses.userId })
      .from(addresses)
      .where(sql`${addresses.userId} = any(${sql.placeholder("userIds")}::uuid[])`)
      .orderBy(addresses.userId, desc(addresses.isDefault), desc(addresses.createdAt))
      .prepare("first_address_of_each"),
  ).execute({ userIds: `{${userIds.join(",")}}` });
  return new Map(rows.map(({ userId, ...address }) => [userId, address as Address]));
}

/** One of the shopper's own addresses; ADDRESS_NOT_FOUND for anyone else's. */
export async function getAddress(db: DbOrTx, { userId, addressId }: { userId: string; addressId: string }): Promise<Address> {
  // Checkout reads it on every order: built once, executed with the ids.
  const query = prepared(db, "shopper-address", (d) =>
    d
      .select(columns)
      .from(addresses)
      .where(and(eq(addresses.id, sql.placeholder("addressId")), eq(addresses.userId, sql.placeholder("userId"))))
      .prepare("shopper_address"),
  );
  const [row] = await query.execute({ addressId, userId });
  if (!row) throw new DomainError("ADDRESS_NOT_FOUND", "Address not found");
  return row;
}

/**
 * Every write that can change which address is the default first takes the shopper's user row
 * lock (lockUser): the one-default unique index would otherwise turn two concurrent changes —
 * each clearing the default it saw, then setting its own — into a unique violation (a 500).
 * Serialised, each change sees the previous one's default and the last writer wins.
 */
async function clearDefault(tx: Tx, userId: string, exceptId?: string) {
  const where = exceptId
    ? and(eq(addresses.userId, userId), eq(addresses.isDefault, true), ne(addresses.id, exceptId))
    : and(eq(addresses.userId, userId), eq(addresses.isDefault, true));
  await tx.update(addresses).set({ isDefault: false }).where(where);
}

/** Adds an address. The first address, or one marked default, becomes the only default. */
export async function createAddress(db: Database, { userId, input }: { userId: string; input: AddressInput }): Promise<Address> {
  const data = ZAddressInput.parse(input);
  assertKnownArea(data);
  return db.transaction(async (tx) => {
    await lockUser(tx, userId);
    const existing = await tx.select({ id: addresses.id }).from(addresses).where(eq(addresses.userId, userId)).limit(1);
    const makeDefault = data.isDefault || existing.length === 0;
    if (makeDefault) await clearDefault(tx, userId);
    const [row] = await tx
      .insert(addresses)
      .values({ ...data, userId, isDefault: makeDefault })
      .returning(columns);
    return row!;
  });
}

export async function updateAddress(
  db: Database,
  { userId, addressId, input }: { userId: string; addressId: string; input: AddressInput },
): Promise<Address> {
  const data = ZAddressInput.parse(input);
  return db.transaction(async (tx) => {
    await lockUser(tx, userId);
    const current = await getAddress(tx, { userId, addressId });
    assertKnownArea(data);
    // Un-defaulting happens only by choosing another default.
    const makeDefault = data.isDefault || current.isDefault;
    if (makeDefault) await clearDefault(tx, userId, addressId);
    const [row] = await tx
      .update(addresses)
      .set({ ...data, isDefault: makeDefault })
      .where(and(eq(addresses.id, addressId), eq(addresses.userId, userId)))
      .returning(columns);
    return row!;
  });
}

/** Makes one of the shopper's addresses the default; concurrent calls apply one after another (the last wins). */
export async function setDefaultAddress(db: Database, { userId, addressId }: { userId: string; addressId: string }): Promise<Address> {
  return db.transaction(async (tx) => {
    await lockUser(tx, userId);
    await getAddress(tx, { userId, addressId });
    await clearDefault(tx, userId, addressId);
    const [row] = await tx.update(addresses).set({ isDefault: true }).where(eq(addresses.id, addressId)).returning(columns);
    return row!;
  });
}

/** Deletes an address; if it was the default, the newest remaining one takes over. */
export async function deleteAddress(db: Database, { userId, addressId }: { userId: string; addressId: string }): Promise<void> {
  await db.transaction(async (tx) => {
    await lockUser(tx, userId);
    const current = await getAddress(tx, { userId, addressId });
    await tx.delete(addresses).where(and(eq(addresses.id, addressId), eq(addresses.userId, userId)));
    if (current.isDefault) {
      const [next] = await tx
        .select({ id: addresses.id })
        .from(addresses)
        .where(eq(addresses.userId, userId))
        .orderBy(desc(addresses.createdAt))
        .limit(1);
      if (next) await tx.update(addresses).set({ isDefault: true }).where(eq(addresses.id, next.id));
    }
  });
}
