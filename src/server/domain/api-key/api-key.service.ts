import { and, count, desc, eq, gt, inArray, isNull, or, type SQL } from "drizzle-orm";
import type { DbOrTx } from "@/server/db/client";
import { afterCommit } from "@/server/db/after-commit";
import { apiKeyEvents, apiKeys, users } from "@/server/db/schema";
import { lockUser, type Role } from "@/server/domain/user";
import { DomainError } from "@/server/errors";
import {
  ADMIN_API_KEY_SCOPES,
  MAX_ACTIVE_API_KEYS,
  type ApiKeyScope,
  type ApiKeyStatus,
  type ApiKeyView,
  type CreatedApiKey,
} from "./api-key.schemas";
import { generateSecret } from "./api-key.secret";
import { forgetCachedApiKeys } from "./api-key.auth";

/** Which scopes an account of each role may hold: shoppers act as themselves, admins as admins. */
export function scopeAllowedFor(role: Role, scope: ApiKeyScope): boolean {
  return role === "admin" ? scope !== "shopper" : scope === "shopper";
}

export function statusOf(key: { revokedAt: Date | null; expiresAt: Date | null }, now: Date = new Date()): ApiKeyStatus {
  if (key.revokedAt) return "revoked";
  if (key.expiresAt && key.expiresAt.getTime() <= now.getTime()) return "expired";
  return "active";
}

const keyColumns = {
  id: apiKeys.id,
  name: apiKeys.name,
  prefix: apiKeys.prefix,
  scope: apiKeys.scope,
  createdAt: apiKeys.createdAt,
  lastUsedAt: apiKeys.lastUsedAt,
  expiresAt: apiKeys.expiresAt,
  revokedAt: apiKeys.revokedAt,
  ownerId: users.id,
  ownerName: users.name,
  ownerEmail: users.email,
};

type KeyRow = {
  id: string;
  name: string;
  prefix: string;
  scope: ApiKeyScope;
  createdAt: Date;
  lastUsedAt: Date | null;
  expiresAt: Date | null;
  revokedAt: Date | null;
  ownerId: string;
  ownerName: string;
  ownerEmail: string;
};

function toView({ ownerId, ownerName, ownerEmail, ...key }: KeyRow, now = new Date()): ApiKeyView {
  return { ...key, status: statusOf(key, now), owner: { id: ownerId, name: ownerName, email: ownerEmail } };
}

/**
 * The keys a user may see and revoke: a shopper their own; an admin their own and every
 * admin-scoped key (an admin can revoke a colleague's leaked key). Checked in the query, so a
 * key outside it is simply not found.
 */
function visibleTo(userId: string, role: Role): SQL {
  return role === "admin" ? or(eq(apiKeys.userId, userId), inArray(apiKeys.scope, [...ADMIN_API_KEY_SCOPES]))! : eq(apiKeys.userId, userId);
}

type Actor = { db: DbOrTx; userId: string; role: Role; requestId?: string };

/**
 * Creates a key and returns its whole secret — the only time it exists outside the caller's
 * hands; only its prefix and hash are stored. FORBIDDEN for a scope the role may not hold,
 * VALIDATION_FAILED for an expiry not in the future, API_KEY_LIMIT_REACHED past
 * MAX_ACTIVE_API_KEYS active keys. Not idempotent: each call makes a new key.
 */
export async function createApiKey({
  db,
  userId,
  role,
  requestId,
  name,
  scope,
  expiresAt = null,
  now = new Date(),
}: Actor & { name: string; scope: ApiKeyScope; expiresAt?: Date | null; now?: Date }): Promise<CreatedApiKey> {
  if (!scopeAllowedFor(role, scope)) {
    throw new DomainError("FORBIDDEN", role === "admin" ? "Admin accounts create admin keys" : "Only admins may create admin keys");
  }
  if (expiresAt && expiresAt.getTime() <= now.getTime()) {
    throw new DomainError("VALIDATION_FAILED", "Choose an expiry in the future", { expiresAt: ["Choose an expiry in the future"] }, { fieldIssues: { expiresAt: [{ code: "expiry_in_past" }] } });
  }
  return db.transaction(async (tx) => {
    // One creation at a time per user, so concurrent requests cannot pass the limit together.
    await lockUser(tx, userId);
    const [active] = await tx
      .select({ n: count() })
      .from(apiKeys)
      .where(and(eq(apiKeys.userId, userId), isNull(apiKeys.revokedAt), or(isNull(apiKeys.expiresAt), gt(apiKeys.expiresAt, now))));
    if ((active?.n ?? 0) >= MAX_ACTIVE_API_KEYS) {
      throw new DomainError("API_KEY_LIMIT_REACHED", `At most ${MAX_ACTIVE_API_KEYS} active keys; revoke one first`, undefined, {
        params: { limit: MAX_ACTIVE_API_KEYS },
      });
    }
    // A prefix collision (62^8 values) is all but impossible; try again rather than fail if it happens.
    for (let attempt = 0; ; attempt++) {
      const { secret, prefix, secretHash } = generateSecret();
      const [created] = await tx
        .insert(apiKeys)
        .values({ userId, name, prefix, secretHash, scope, expiresAt })
        .onConflictDoNothing({ target: apiKeys.prefix })
        .returning({ id: apiKeys.id });
      if (!created) {
        if (attempt < 3) continue;
        throw new DomainError("CONCURRENT_UPDATE", "Could not create a key; try again");
      }
      await tx.insert(apiKeyEvents).values({ apiKeyId: created.id, type: "created", actorUserId: userId, requestId });
      const [row] = await tx.select(keyColumns).from(apiKeys).innerJoin(users, eq(users.id, apiKeys.userId)).where(eq(apiKeys.id, created.id));
      return { key: toView(row!, now), secret };
    }
  });
}

/** The keys the user may see (see visibleTo), newest first, revoked and expired ones included. */
export async function listApiKeys({ db, userId, role }: Omit<Actor, "requestId">): Promise<ApiKeyView[]> {
  const rows = await db
    .select(keyColumns)
    .from(apiKeys)
    .innerJoin(users, eq(users.id, apiKeys.userId))
    .where(visibleTo(userId, role))
    .orderBy(desc(apiKeys.createdAt), desc(apiKeys.id))
    .limit(200);
  const now = new Date();
  return rows.map((row) => toView(row, now));
}

/**
 * Revokes a key the user may see; API_KEY_NOT_FOUND otherwise. Idempotent: revoking a revoked
 * key returns it unchanged and records nothing. Once committed, this process refuses the key
 * at once; other processes within the authentication cache's lifetime (30 s).
 */
export async function revokeApiKey({ db, userId, role, requestId, apiKeyId }: Actor & { apiKeyId: string }): Promise<ApiKeyView> {
  return db.transaction(async (tx) => {
    const [revoked] = await tx
      .update(apiKeys)
      .set({ revokedAt: new Date() })
      .where(and(eq(apiKeys.id, apiKeyId), visibleTo(userId, role), isNull(apiKeys.revokedAt)))
      .returning({ id: apiKeys.id });
    if (revoked) {
      await tx.insert(apiKeyEvents).values({ apiKeyId, type: "revoked", actorUserId: userId, requestId });
      afterCommit(tx, forgetCachedApiKeys);
    }
    const [row] = await tx
      .select(keyColumns)
      .from(apiKeys)
      .innerJoin(users, eq(users.id, apiKeys.userId))
      .where(and(eq(apiKeys.id, apiKeyId), visibleTo(userId, role)));
    if (!row) throw new DomainError("API_KEY_NOT_FOUND", "No such API key");
    return toView(row);
  });
}
