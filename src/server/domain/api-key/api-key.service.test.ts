import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/server/db/client";
import { apiKeyEvents, apiKeys, users } from "@/server/db/schema";
import { createAdmin, createShopper, createUser } from "../../../../test/fixtures";
import { API_KEY_CACHE_TTL_MS, LAST_USED_RESOLUTION_MS, MAX_ACTIVE_API_KEYS, authenticateApiKey, createApiKey, listApiKeys, revokeApiKey } from ".";

const db = () => getDb();
const later = (ms: number, from = new Date()) => new Date(from.getTime() + ms);

async function shopperKey(overrides: { expiresAt?: Date | null; userId?: string } = {}) {
  const userId = overrides.userId ?? (await createUser("shopper")).id;
  const created = await createApiKey({ db: db(), userId, role: "shopper", name: "CI deploy", scope: "shopper", expiresAt: overrides.expiresAt });
  return { userId, ...created };
}

async function eventsOf(apiKeyId: string) {
  const rows = await db().select({ type: apiKeyEvents.type }).from(apiKeyEvents).where(eq(apiKeyEvents.apiKeyId, apiKeyId)).orderBy(apiKeyEvents.id);
  return rows.map((r) => r.type);
}

describe("API keys", () => {
  it("creates a key whose secret is shown once, authenticates it, and refuses it right after a revoke", async () => {
    const { userId, key, secret } = await shopperKey();
    expect(secret).toMatch(/^sf_live_[0-9A-Za-z]{8}_[0-9A-Za-z]{43}$/);
    expect(secret.startsWith(`${key.prefix}_`)).toBe(true);
    expect(key).toMatchObject({ scope: "shopper", status: "active", name: "CI deploy", lastUsedAt: null, expiresAt: null });

    const identity = await authenticateApiKey(db(), secret);
    const [user] = await db().select().from(users).where(eq(users.id, userId));
    expect(identity).toEqual({
      apiKeyId: key.id,
      userId,
      scope: "shopper",
      session: { id: userId, email: user!.email, name: user!.name, role: "shopper" },
    });

    // Authenticated (and so cached) a moment ago: the revoke must still win at once in this process.
    await authenticateApiKey(db(), secret);
    const revoked = await revokeApiKey({ db: db(), userId, role: "shopper", apiKeyId: key.id });
    expect(revoked.status).toBe("revoked");
    expect(await authenticateApiKey(db(), secret)).toBeNull();
    expect(await eventsOf(key.id)).toEqual(["created", "first_used", "revoked"]);
  });

  it("never stores the secret, nor any long part of it", async () => {
    const { key, secret } = await shopperKey();
    const [row] = await db().execute<Record<string, unknown>>(sql`select * from api_keys where id = ${key.id}`);
    const stored = JSON.stringify(row);
    const secretPart = secret.slice(key.prefix.length + 1);
    expect(stored).not.toContain(secret);
    for (let i = 0; i + 8 <= secretPart.length; i++) expect(stored).not.toContain(secretPart.slice(i, i + 8));
    expect(row).toMatchObject({ prefix: key.prefix, secret_hash: expect.stringMatching(/^[0-9a-f]{64}$/) });
  });

  it("refuses an expired key, a malformed secret and a wrong secret with a real prefix", async () => {
    const { key, secret } = await shopperKey({ expiresAt: later(60_000) });
    expect(await authenticateApiKey(db(), secret)).not.toBeNull();
    // Cached by now: expiry is still checked on the hit.
    expect(await authenticateApiKey(db(), secret, later(61_000))).toBeNull();
    for (const bad of ["", "Bearer x", `${secret}x`, secret.slice(0, -1), secret.replace("sf_live_", "sf_test_"), `${key.prefix}_${"!".repeat(43)}`]) {
      expect(await authenticateApiKey(db(), bad)).toBeNull();
    }
    const wrong = `${key.prefix}_${"A".repeat(43)}`;
    expect(await authenticateApiKey(db(), wrong)).toBeNull();
  });

  it("refuses an expiry that is not in the future, naming the field, and stores nothing", async () => {
    const { user } = await createShopper();
    const error = await createApiKey({ db: db(), userId: user.id, role: "shopper", name: "old", scope: "shopper", expiresAt: new Date(Date.now() - 1000) }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "VALIDATION_FAILED", fieldErrors: { expiresAt: [expect.any(String)] } });
    expect(await listApiKeys({ db: db(), userId: user.id, role: "shopper" })).toEqual([]);
  });

  it("lets only admins hold admin scopes, and admins only admin scopes", async () => {
    const { user: shopper } = await createShopper();
    for (const scope of ["admin_read", "admin_write"] as const) {
      await expect(createApiKey({ db: db(), userId: shopper.id, role: "shopper", name: "x", scope })).rejects.toMatchObject({ code: "FORBIDDEN" });
    }
    const { user: admin } = await createAdmin();
    await expect(createApiKey({ db: db(), userId: admin.id, role: "admin", name: "x", scope: "shopper" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    const { secret } = await createApiKey({ db: db(), userId: admin.id, role: "admin", name: "reports", scope: "admin_read" });
    expect(await authenticateApiKey(db(), secret)).toMatchObject({ scope: "admin_read", session: { role: "admin", id: admin.id } });
    expect(await listApiKeys({ db: db(), userId: shopper.id, role: "shopper" })).toEqual([]);
  });

  it("stops an admin key once its owner is no longer an admin (after the cache's lifetime)", async () => {
    const { user: admin } = await createAdmin();
    const { secret } = await createApiKey({ db: db(), userId: admin.id, role: "admin", name: "ops", scope: "admin_write" });
    await db().update(users).set({ role: "shopper" }).where(eq(users.id, admin.id));
    // A fresh lookup (inside a transaction the cache is bypassed) sees the demotion.
    expect(await db().transaction((tx) => authenticateApiKey(tx, secret))).toBeNull();
    expect(API_KEY_CACHE_TTL_MS).toBeLessThanOrEqual(30_000);
  });

  it("answers NOT_FOUND for another user's key and leaves it working; revoking twice is harmless", async () => {
    const { key, secret, userId } = await shopperKey();
    const { user: other } = await createShopper();
    await expect(revokeApiKey({ db: db(), userId: other.id, role: "shopper", apiKeyId: key.id })).rejects.toMatchObject({ code: "API_KEY_NOT_FOUND" });
    const { user: admin } = await createAdmin();
    // Admins may revoke admin keys, not a shopper's personal key.
    await expect(revokeApiKey({ db: db(), userId: admin.id, role: "admin", apiKeyId: key.id })).rejects.toMatchObject({ code: "API_KEY_NOT_FOUND" });
    expect(await authenticateApiKey(db(), secret)).not.toBeNull();
    const first = await revokeApiKey({ db: db(), userId, role: "shopper", apiKeyId: key.id });
    const again = await revokeApiKey({ db: db(), userId, role: "shopper", apiKeyId: key.id });
    expect(again).toEqual(first);
    expect((await eventsOf(key.id)).filter((t) => t === "revoked")).toHaveLength(1);
  });

  it("lets any admin revoke another admin's key", async () => {
    const { user: owner } = await createAdmin();
    const { user: colleague } = await createAdmin();
    const { key, secret } = await createApiKey({ db: db(), userId: owner.id, role: "admin", name: "leaked", scope: "admin_write" });
    const listed = await listApiKeys({ db: db(), userId: colleague.id, role: "admin" });
    expect(listed.map((k) => k.id)).toContain(key.id);
    await revokeApiKey({ db: db(), userId: colleague.id, role: "admin", apiKeyId: key.id });
    expect(await authenticateApiKey(db(), secret)).toBeNull();
  });

  it("writes last_used_at at most once a minute, and records the first use once", async () => {
    const { key, secret } = await shopperKey();
    const start = new Date();
    const lastUsed = async () => (await db().select({ at: apiKeys.lastUsedAt }).from(apiKeys).where(eq(apiKeys.id, key.id)))[0]!.at;
    await Promise.all(Array.from({ length: 5 }, () => authenticateApiKey(db(), secret, start)));
    expect(await lastUsed()).toEqual(start);
    await authenticateApiKey(db(), secret, later(10_000, start));
    expect(await lastUsed()).toEqual(start);
    const next = later(LAST_USED_RESOLUTION_MS + 1, start);
    await authenticateApiKey(db(), secret, next);
    expect(await lastUsed()).toEqual(next);
    expect((await eventsOf(key.id)).filter((t) => t === "first_used")).toHaveLength(1);
  });

  it(`refuses a key past ${MAX_ACTIVE_API_KEYS} active ones, even when asked concurrently, and counts no revoked ones`, async () => {
    const { user } = await createShopper();
    const attempts = await Promise.allSettled(
      Array.from({ length: MAX_ACTIVE_API_KEYS + 3 }, (_, i) => createApiKey({ db: db(), userId: user.id, role: "shopper", name: `k${i}`, scope: "shopper" })),
    );
    const refused = attempts.filter((a) => a.status === "rejected");
    expect(refused).toHaveLength(3);
    for (const r of refused) expect((r as PromiseRejectedResult).reason).toMatchObject({ code: "API_KEY_LIMIT_REACHED", params: { limit: MAX_ACTIVE_API_KEYS } });
    const [first] = await listApiKeys({ db: db(), userId: user.id, role: "shopper" });
    await revokeApiKey({ db: db(), userId: user.id, role: "shopper", apiKeyId: first!.id });
    await expect(createApiKey({ db: db(), userId: user.id, role: "shopper", name: "again", scope: "shopper" })).resolves.toBeTruthy();
  });
});
