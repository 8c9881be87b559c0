import { z } from "zod";
import { zDate, zText } from "@/server/validation/fields";

export const API_KEY_SCOPES = ["shopper", "admin_read", "admin_write"] as const;
export const ADMIN_API_KEY_SCOPES = ["admin_read", "admin_write"] as const;
export const ZApiKeyScope = z.enum(API_KEY_SCOPES);
export const ZAdminApiKeyScope = z.enum(ADMIN_API_KEY_SCOPES);
export type ApiKeyScope = z.infer<typeof ZApiKeyScope>;

/** What a list shows: `revoked` wins over `expired`. */
export const ZApiKeyStatus = z.enum(["active", "expired", "revoked"]);
export type ApiKeyStatus = z.infer<typeof ZApiKeyStatus>;

/** Most keys one user may have active at once (revoked and expired ones do not count). */
export const MAX_ACTIVE_API_KEYS = 20;

const name = zText(60).min(1, "Enter a name for the key");
const expiresAt = zDate().nullish();

/** A shopper's new key: it always acts as the shopper. */
export const ZCreateShopperApiKeyInput = z.object({ name, expiresAt });
/** An admin's new key: read only, or read and write. */
export const ZCreateAdminApiKeyInput = z.object({ name, scope: ZAdminApiKeyScope, expiresAt });
export type CreateAdminApiKeyInput = z.input<typeof ZCreateAdminApiKeyInput>;

export const ZRevokeApiKeyInput = z.object({ id: z.uuid({ message: "Unknown API key" }) });

/** A key as lists show it: never the secret nor its hash. */
export const ZApiKey = z.object({
  id: z.uuid(),
  name: z.string(),
  prefix: z.string(),
  scope: ZApiKeyScope,
  status: ZApiKeyStatus,
  createdAt: z.date(),
  lastUsedAt: z.date().nullable(),
  expiresAt: z.date().nullable(),
  revokedAt: z.date().nullable(),
  owner: z.object({ id: z.uuid(), name: z.string(), email: z.string() }),
});
export type ApiKeyView = z.infer<typeof ZApiKey>;
export const ZApiKeyList = z.array(ZApiKey);

/** The answer to a create: the key, and its whole secret, shown this once. */
export const ZCreatedApiKey = z.object({ key: ZApiKey, secret: z.string() });
export type CreatedApiKey = z.infer<typeof ZCreatedApiKey>;
