import { eq, sql } from "drizzle-orm";
import type { DbOrTx } from "@/server/db/client";
import { prepared } from "@/server/db/prepared";
import { products, warehouses } from "@/server/db/schema";
import { DomainError } from "@/server/errors";
import { offeredCarriers, pricingOf, findServiceLevel } from "./carrier.service";
import { calculateFee, type FeeBreakdown, type ParcelLine } from "./fee-calculator";
import { isKnownArea } from "./geography/divisions";
import { zoneBetween, type Area, type Zone } from "./geography/geography";
import { ZCalculatorInput, type CalculatorInput } from "./logistics.schemas";

export type ShippingOption = {
  carrierCode: string;
  carrierNameEn: string;
  carrierNameZh: string;
  logoColor: string;
  serviceLevel: string;
  serviceNameEn: string;
  serviceNameZh: string;
  promisedDays: number;
  feeMinor: number;
  breakdown: FeeBreakdown;
};

/** Promised days for a zone: nearer parcels arrive sooner than the carrier's far-zone promise. */
export function promisedDaysFor(promisedDays: number, zone: Zone): number {
  const delta: Record<Zone, number> = { same_city: -2, same_province: -1, neighbouring: -1, far: 0, remote: 2 };
  return Math.max(1, promisedDays + delta[zone]);
}

export type Parcel = {
  lines: ParcelLine[];
  itemsTotalMinor: number;
  origin: { warehouseId: string; warehouseCode: string; name: string; province: string; city: string; district: string };
};

/**
 * The parcel an order's lines make: weights and sizes from the catalog, shipped from the
 * warehouse that holds most of its weight (one parcel per order; a real shop would split).
 */
export async function parcelFor(db: DbOrTx, lines: { productId: string; quantity: number; unitPriceMinor?: number }[]): Promise<Parcel> {
  if (lines.length === 0) throw new DomainError("CART_EMPTY", "Nothing to ship");
  // Each product's warehouse rides along (one round trip instead of two). Built once for any
  // number of lines: the ids go as one array parameter.
  const query = prepared(db, "parcel-products", (d) =>
    d
      .select({
        id: products.id,
        priceMinor: products.priceMinor,
        weightGrams: products.weightGrams,
        lengthMm: products.lengthMm,
        widthMm: products.widthMm,
        heightMm: products.heightMm,
        warehouseId: products.warehouseId,
        warehouse: warehouses,
      })
      .from(products)
      .innerJoin(warehouses, eq(warehouses.id, products.warehouseId))
      .where(sql`${products.id} = any(${sql.placeholder("productIds")}::uuid[])`)
      .prepare("parcel_products"),
  );
  const rows = await query.execute({ productIds: lines.map((l) => l.productId) });
  const byId = new Map(rows.map((r) => [r.id, r]));
  const weightByWarehouse = new Map<string, number>();
  const parcelLines: ParcelLine[] = [];
  let itemsTotal = 0;
  for (const line of lines) {
    const p = byId.get(line.productId);
    if (!p) throw new DomainError("PRODUCT_NOT_FOUND", "A product in your order is not available");
    parcelLines.push({ weightGrams: p.weightGrams, lengthMm: p.lengthMm, widthMm: p.widthMm, heightMm: p.heightMm, quantity: line.quantity });
    itemsTotal += (line.unitPriceMinor ?? p.priceMinor) * line.quantity;
    weightByWarehouse.set(p.warehouseId, (weightByWarehouse.get(p.warehouseId) ?? 0) + p.weightGrams * line.quantity);
  }
  const [warehouseId] = [...weightByWarehouse.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]!;
  const warehouse = rows.find((r) => r.warehouseId === warehouseId)!.warehouse;
  return {
    lines: parcelLines,
    itemsTotalMinor: itemsTotal,
    origin: {
      warehouseId,
      warehouseCode: warehouse.code,
      name: warehouse.name,
      province: warehouse.province,
      city: warehouse.city,
      district: warehouse.district,
    },
  };
}

/** Every enabled carrier and service level's fee for a parcel to a destination, cheapest first. */
export async function quoteOptions(db: DbOrTx, { parcel, destination }: { parcel: Parcel; destination: Area }): Promise<ShippingOption[]> {
  const zone = zoneBetween(parcel.origin, destination);
  const options: ShippingOption[] = [];
  for (const carrier of await offeredCarriers(db)) {
    for (const level of carrier.serviceLevels) {
      if (!level.enabled || level.rules.length === 0) continue;
      const breakdown = calculateFee({ pricing: pricingOf(level), zone, lines: parcel.lines, itemsTotalMinor: parcel.itemsTotalMinor });
      options.push({
        carrierCode: carrier.code,
        carrierNameEn: carrier.nameEn,
        carrierNameZh: carrier.nameZh,
        logoColor: carrier.logoColor,
        serviceLevel: level.code,
        serviceNameEn: level.nameEn,
        serviceNameZh: level.nameZh,
        promisedDays: promisedDaysFor(level.promisedDays, zone),
        feeMinor: breakdown.totalMinor,
        breakdown,
      });
    }
  }
  return options.sort((a, b) => a.feeMinor - b.feeMinor || a.promisedDays - b.promisedDays || a.carrierCode.localeCompare(b.carrierCode));
}

/**
 * The fee for the option a shopper chose, recomputed on the server (the browser's figure is
 * never trusted). No choice → the cheapest option; a choice that is not on offer →
 * NO_SHIPPING_OPTION; no carrier configured at all → free shipping with no carrier.
 */
export async function quoteChosenOption(
  db: DbOrTx,
  { parcel, destination, choice }: { parcel: Parcel; destination: Area; choice?: { carrierCode: string; serviceLevel: string } },
): Promise<{ feeMinor: number; carrierCode: string | null; serviceLevel: string | null }> {
  const options = await quoteOptions(db, { parcel, destination });
  if (!choice) {
    const cheapest = options[0];
    return cheapest ? { feeMinor: cheapest.feeMinor, carrierCode: cheapest.carrierCode, serviceLevel: cheapest.serviceLevel } : { feeMinor: 0, carrierCode: null, serviceLevel: null };
  }
  const chosen = options.find((o) => o.carrierCode === choice.carrierCode && o.serviceLevel === choice.serviceLevel);
  if (!chosen) throw new DomainError("NO_SHIPPING_OPTION", "This shipping option is not available", { shipping: ["Choose one of the offered shipping options"] });
  return { feeMinor: chosen.feeMinor, carrierCode: chosen.carrierCode, serviceLevel: chosen.serviceLevel };
}

/** The admin fee calculator: one carrier and level, a parcel by weight and size, origin → destination. */
export async function calculateQuote(db: DbOrTx, input: CalculatorInput) {
  const data = ZCalculatorInput.parse(input);
  for (const [field, area] of [
    ["origin", data.origin],
    ["destination", data.destination],
  ] as const) {
    if (!isKnownArea(area)) throw new DomainError("VALIDATION_FAILED", "Unknown place", { [field]: ["Choose a province and city from the list"] });
  }
  const found = await findServiceLevel(db, { carrierCode: data.carrierCode, serviceLevel: data.serviceLevel });
  if (!found) throw new DomainError("NO_SHIPPING_OPTION", "This carrier or service level is not available", { serviceLevel: ["Choose an enabled service level"] });
  const zone = zoneBetween(data.origin, data.destination);
  const breakdown = calculateFee({
    pricing: pricingOf(found.level),
    zone,
    lines: [{ weightGrams: data.weightGrams, lengthMm: data.lengthMm, widthMm: data.widthMm, heightMm: data.heightMm, quantity: 1 }],
    itemsTotalMinor: data.itemsTotalMinor,
  });
  return { ...breakdown, promisedDays: promisedDaysFor(found.level.promisedDays, zone), volumetricDivisor: found.level.volumetricDivisor };
}
