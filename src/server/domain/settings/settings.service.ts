import { desc, eq, sql } from "drizzle-orm";
import type { z } from "zod";
import type { Database, DbOrTx } from "@/server/db/client";
import { appSettings, settingsChanges, users } from "@/server/db/schema";
import { processCache } from "@/server/cache/process-cache";
import { DomainError } from "@/server/errors";
import { currentRequestContext } from "@/server/observability/request-context";
import { type FieldIssue, fieldIssueOf } from "@/lib/validation/field-issue";

/**
 * Typed, audited settings. A module declares its namespace once with a zod schema whose
 * every field has a default:
 *
 *   export const paymentSettings = defineSettings("payment", ZPaymentSettings);
 *   const s = await paymentSettings.get(db);                       // typed, defaults filled
 *   await paymentSettings.update(db, { ttlMinutes: 15 }, adminId); // validated, logged
 *
 * Stored values are re-parsed on read, so a new field with a default needs no migration.
 *
 * Reads are served from an in-process cache (checkout reads two namespaces per order): an
 * update through `update` is visible to every later read in the process at once, and other
 * processes see it within SETTINGS_CACHE_MS. Values are frozen: copy before changing.
 */
export type SettingsDefinition<T extends z.ZodType<Record<string, unknown>>> = {
  namespace: string;
  schema: T;
  get(db: DbOrTx): Promise<Readonly<z.output<T>>>;
  update(db: Database, patch: Partial<z.input<T>>, changedBy: string | null): Promise<z.output<T>>;
  /** The change log, newest first; `changedBy` is the admin's email (null for the system). */
  history(db: DbOrTx, limit?: number): Promise<SettingsChange[]>;
};

export type SettingsChange = { id: number; createdAt: Date; before: Record<string, unknown>; after: Record<string, unknown>; changedBy: string | null };

export const SETTINGS_CACHE_MS = 2_000;

export function defineSettings<T extends z.ZodType<Record<string, unknown>>>(namespace: string, schema: T): SettingsDefinition<T> {
  const parseStored = (value: Record<string, unknown> | undefined): z.output<T> => {
    const parsed = schema.safeParse(value ?? {});
    // A stored value that no longer validates (an old shape) falls back to the defaults.
    return parsed.success ? parsed.data : schema.parse({});
  };

  const cache = processCache<z.output<T>>(`settings:${namespace}`, { ttlMs: SETTINGS_CACHE_MS });
  return {
    namespace,
    schema,
    get(db) {
      return cache.get(async () => {
        const [row] = await db.select({ value: appSettings.value }).from(appSettings).where(eq(appSettings.namespace, namespace));
        return parseStored(row?.value);
      });
    },
    async update(db, patch, changedBy) {
      try {
        return await updateStored(db, patch, changedBy);
      } finally {
        // After the commit (or the rollback): the next read in this process loads afresh.
        cache.invalidate();
      }
    },
    async history(db, limit = 50) {
      return db
        .select({ id: settingsChanges.id, createdAt: settingsChanges.createdAt, before: settingsChanges.before, after: settingsChanges.after, changedBy: users.email })
        .from(settingsChanges)
        .leftJoin(users, eq(users.id, settingsChanges.changedBy))
        .where(eq(settingsChanges.namespace, namespace))
        .orderBy(desc(settingsChanges.id))
        .limit(limit);
    },
  };

  function updateStored(db: Database, patch: Partial<z.input<T>>, changedBy: string | null): Promise<z.output<T>> {
    return db.transaction(async (tx) => {
      await tx.insert(appSettings).values({ namespace, value: {} }).onConflictDoNothing();
      const [row] = await tx.select().from(appSettings).where(eq(appSettings.namespace, namespace)).for("update");
      const before = parseStored(row?.value);
      const parsed = schema.safeParse({ ...before, ...patch });
      if (!parsed.success) {
        const fieldErrors: Record<string, string[]> = {};
        const fieldIssues: Record<string, FieldIssue[]> = {};
        for (const issue of parsed.error.issues) {
          const field = issue.path.join(".") || "_";
          (fieldErrors[field] ??= []).push(issue.message);
          (fieldIssues[field] ??= []).push(fieldIssueOf(issue));
        }
        throw new DomainError("VALIDATION_FAILED", "Some settings are not valid", fieldErrors, { fieldIssues });
      }
      await tx
        .update(appSettings)
        .set({ value: parsed.data, version: sql`${appSettings.version} + 1`, updatedAt: new Date(), updatedBy: changedBy })
        .where(eq(appSettings.namespace, namespace));
      await tx.insert(settingsChanges).values({
        namespace,
        before,
        after: parsed.data,
        changedBy,
        requestId: currentRequestContext()?.requestId ?? null,
      });
      return parsed.data;
    });
  }
}
