import { asc, eq, inArray } from "drizzle-orm";
import type { z } from "zod";
import type { Database, DbOrTx, Tx } from "@/server/db/client";
import { processCache } from "@/server/cache/process-cache";
import { carrierFeeRules, carrierServiceLevels, carriers } from "@/server/db/schema";
import { DomainError } from "@/server/errors";
import { ZONES } from "./geography/geography";
import { ZCarrierInput, ZUpdateCarrierInput, type CarrierInput, type ServiceLevelInput } from "./logistics.schemas";
import type { Pricing } from "./fee-calculator";
import type { TrackingFormat } from "./tracking-number";

export type CarrierRow = typeof carriers.$inferSelect;
export type ServiceLevelRow = typeof carrierServiceLevels.$inferSelect;
export type FeeRuleRow = typeof carrierFeeRules.$inferSelect;
export type ServiceLevelWithRules = ServiceLevelRow & { rules: FeeRuleRow[] };
export type CarrierWithLevels = CarrierRow & { serviceLevels: ServiceLevelWithRules[] };

export function trackingFormatOf(carrier: Pick<CarrierRow, "trackingPrefix" | "trackingBodyLength" | "trackingCheck" | "trackingSuffix">): TrackingFormat {
  return {
    prefix: carrier.trackingPrefix,
    bodyLength: carrier.trackingBodyLength,
    checkAlgorithm: carrier.trackingCheck,
    suffix: carrier.trackingSuffix,
  };
}

export function pricingOf(level: ServiceLevelWithRules): Pricing {
  return {
    firstWeightGrams: level.firstWeightGrams,
    stepGrams: level.stepGrams,
    volumetricDivisor: level.volumetricDivisor,
    freeShippingThresholdMinor: level.freeShippingThresholdMinor,
    rules: level.rules.map((r) => ({ zone: r.zone, firstFeeMinor: r.firstFeeMinor, additionalFeeMinor: r.additionalFeeMinor })),
  };
}

async function attachLevels(db: DbOrTx, rows: CarrierRow[]): Promise<CarrierWithLevels[]> {
  if (rows.length === 0) return [];
  const levels = await db
    .select()
    .from(carrierServiceLevels)
    .where(
      inArray(
        carrierServiceLevels.carrierId,
        rows.map((r) => r.id),
      ),
    )
    .orderBy(asc(carrierServiceLevels.sortOrder), asc(carrierServiceLevels.code));
  const rules = levels.length
    ? await db
        .select()
        .from(carrierFeeRules)
        .where(
          inArray(
            carrierFeeRules.serviceLevelId,
            levels.map((l) => l.id),
          ),
        )
    : [];
  const zoneOrder = (zone: string) => ZONES.indexOf(zone as (typeof ZONES)[number]);
  return rows.map((carrier) => ({
    ...carrier,
    serviceLevels: levels
      .filter((l) => l.carrierId === carrier.id)
      .map((l) => ({ ...l, rules: rules.filter((r) => r.serviceLevelId === l.id).sort((a, b) => zoneOrder(a.zone) - zoneOrder(b.zone)) })),
  }));
}

/** Every carrier with its service levels and fee rules (enabled ones only unless asked). */
export async function listCarriers(db: DbOrTx, { includeDisabled = false }: { includeDisabled?: boolean } = {}): Promise<CarrierWithLevels[]> {
  const rows = await db
    .select()
    .from(carriers)
    .where(includeDisabled ? undefined : eq(carriers.enabled, true))
    .orderBy(asc(carriers.code));
  return attachLevels(db, rows);
}

/**
 * The carriers a checkout may offer (enabled, with levels and rules), from an in-process cache:
 * every checkout quotes shipping, and the configuration changes only through the functions
 * below, which invalidate it after they commit. Other processes see a change within
 * CARRIER_CACHE_MS. The objects are frozen and shared: copy before changing.
 */
export const CARRIER_CACHE_MS = 2_000;
const offered = processCache<CarrierWithLevels[]>("logistics:offered-carriers", { ttlMs: CARRIER_CACHE_MS });

export function offeredCarriers(db: DbOrTx): Promise<readonly CarrierWithLevels[]> {
  return offered.get(() => listCarriers(db));
}

/** Runs a carrier write and drops the cached configuration once it has committed (or failed). */
async function changingCarriers<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } finally {
    offered.invalidate();
  }
}

/** One carrier with levels and rules; CARRIER_NOT_FOUND otherwise. */
export async function getCarrier(db: DbOrTx, { id, code }: { id?: string; code?: string }): Promise<CarrierWithLevels> {
  const where = id ? eq(carriers.id, id) : code ? eq(carriers.code, code) : undefined;
  if (!where) throw new DomainError("CARRIER_NOT_FOUND", "Carrier not found");
  const rows = await db.select().from(carriers).where(where);
  const [carrier] = await attachLevels(db, rows);
  if (!carrier) throw new DomainError("CARRIER_NOT_FOUND", "Carrier not found");
  return carrier;
}

function duplicateLevelCodes(levels: ServiceLevelInput[]): string[] {
  const seen = new Set<string>();
  const dupes = new Set<string>();
  for (const l of levels) (seen.has(l.code) ? dupes : seen).add(l.code);
  return [...dupes];
}

async function writeLevels(tx: Tx, carrierId: string, levels: ReturnType<typeof ZCarrierInput.parse>["serviceLevels"]) {
  // Levels and rules are replaced as a whole: the editor always sends the full set.
  await tx.delete(carrierServiceLevels).where(eq(carrierServiceLevels.carrierId, carrierId));
  for (const [index, level] of levels.entries()) {
    const { rules, ...fields } = level;
    const [row] = await tx
      .insert(carrierServiceLevels)
      .values({ ...fields, carrierId, sortOrder: index })
      .returning({ id: carrierServiceLevels.id });
    await tx.insert(carrierFeeRules).values(rules.map((r) => ({ ...r, serviceLevelId: row!.id })));
  }
}

/** Adds a carrier with its service levels and fee rules, all or nothing. CARRIER_CODE_TAKEN on a duplicate code. */
export async function createCarrier(db: Database, input: CarrierInput): Promise<CarrierWithLevels> {
  const data = ZCarrierInput.parse(input);
  const dupes = duplicateLevelCodes(data.serviceLevels);
  if (dupes.length) throw new DomainError("VALIDATION_FAILED", "Service level codes must be unique", { serviceLevels: [`Duplicate code: ${dupes.join(", ")}`] }, { fieldIssues: { serviceLevels: [{ code: "listed_twice", params: { value: dupes.join(", ") } }] } });
  const id = await changingCarriers(() => db.transaction(async (tx) => {
    const { serviceLevels, ...fields } = data;
    const [row] = await tx.insert(carriers).values(fields).onConflictDoNothing({ target: carriers.code }).returning({ id: carriers.id });
    if (!row) throw new DomainError("CARRIER_CODE_TAKEN", "A carrier with this code exists", { code: ["This code is taken"] });
    await writeLevels(tx, row.id, serviceLevels);
    return row.id;
  }));
  return getCarrier(db, { id });
}

/**
 * Replaces a carrier's fields, service levels and fee rules in one transaction. Shipments keep
 * their own copies of fees and weights, so editing prices never rewrites history.
 */
export async function updateCarrier(db: Database, input: z.input<typeof ZUpdateCarrierInput>): Promise<CarrierWithLevels> {
  const data = ZUpdateCarrierInput.parse(input);
  const dupes = duplicateLevelCodes(data.serviceLevels);
  if (dupes.length) throw new DomainError("VALIDATION_FAILED", "Service level codes must be unique", { serviceLevels: [`Duplicate code: ${dupes.join(", ")}`] }, { fieldIssues: { serviceLevels: [{ code: "listed_twice", params: { value: dupes.join(", ") } }] } });
  await changingCarriers(() => db.transaction(async (tx) => {
    const [current] = await tx.select().from(carriers).where(eq(carriers.id, data.id)).for("update");
    if (!current) throw new DomainError("CARRIER_NOT_FOUND", "Carrier not found");
    if (data.code !== current.code) {
      const [taken] = await tx.select({ id: carriers.id }).from(carriers).where(eq(carriers.code, data.code));
      if (taken) throw new DomainError("CARRIER_CODE_TAKEN", "A carrier with this code exists", { code: ["This code is taken"] });
    }
    const { id, serviceLevels, ...fields } = data;
    await tx.update(carriers).set(fields).where(eq(carriers.id, id));
    await writeLevels(tx, id, serviceLevels);
  }));
  return getCarrier(db, { id: data.id });
}

/** Enables or disables a carrier; a disabled carrier is offered at no checkout. */
export async function setCarrierEnabled(db: Database, { id, enabled }: { id: string; enabled: boolean }): Promise<CarrierWithLevels> {
  const updated = await changingCarriers(() => db.update(carriers).set({ enabled }).where(eq(carriers.id, id)).returning({ id: carriers.id }));
  if (updated.length === 0) throw new DomainError("CARRIER_NOT_FOUND", "Carrier not found");
  return getCarrier(db, { id });
}

/** The enabled carrier and service level for a code pair, or null. */
export async function findServiceLevel(db: DbOrTx, { carrierCode, serviceLevel }: { carrierCode: string; serviceLevel: string }) {
  const carrier = await getCarrier(db, { code: carrierCode }).catch(() => null);
  if (!carrier || !carrier.enabled) return null;
  const level = carrier.serviceLevels.find((l) => l.code === serviceLevel && l.enabled);
  return level ? { carrier, level } : null;
}

/**
 * findServiceLevel from the checkout's cached carrier configuration (offeredCarriers): for the
 * shipment of a paid order, which takes the carrier and service the shopper was quoted from
 * that same cache, no three reads per shipment. A change of the configuration reaches it
 * within CARRIER_CACHE_MS, as it reaches checkout.
 */
export async function findOfferedServiceLevel(db: DbOrTx, { carrierCode, serviceLevel }: { carrierCode: string; serviceLevel: string }) {
  const carrier = (await offeredCarriers(db)).find((c) => c.code === carrierCode && c.enabled);
  const level = carrier?.serviceLevels.find((l) => l.code === serviceLevel && l.enabled);
  return carrier && level ? { carrier, level } : null;
}

/**
 * The names, in both languages, of the carrier and service an order was bought with (also when
 * they have been disabled since); null when the carrier no longer exists. Reads only. Every
 * view of an order asks it, so an enabled carrier comes from the checkout's cached
 * configuration (a rename shows within CARRIER_CACHE_MS, as it does at checkout); only a carrier
 * disabled since is read from the database.
 */
export async function shippingServiceNames(db: DbOrTx, { carrierCode, serviceLevel }: { carrierCode: string; serviceLevel: string | null }) {
  const carrier = (await offeredCarriers(db)).find((c) => c.code === carrierCode) ?? (await getCarrier(db, { code: carrierCode }).catch(() => null));
  if (!carrier) return null;
  const level = carrier.serviceLevels.find((l) => l.code === serviceLevel);
  return { carrierNameEn: carrier.nameEn, carrierNameZh: carrier.nameZh, serviceNameEn: level?.nameEn ?? null, serviceNameZh: level?.nameZh ?? null };
}
