import { DomainError } from "@/server/errors";

/**
 * Where a product stands for shoppers: visible (listed and orderable), hidden (kept off the
 * shop for a while) or archived (retired; kept only because old orders point at it).
 * Stored as `active` + `archived_at`; this module is the only place that reads them as one.
 */
export const PRODUCT_STATUSES = ["visible", "hidden", "archived"] as const;
export type ProductStatus = (typeof PRODUCT_STATUSES)[number];

export const PRODUCT_TRANSITIONS: Record<ProductStatus, readonly ProductStatus[]> = {
  visible: ["hidden", "archived"],
  hidden: ["visible", "archived"],
  // An archived product comes back hidden, so nobody sells it again by accident.
  archived: ["hidden"],
};

export function canTransitionProduct(from: ProductStatus, to: ProductStatus): boolean {
  return PRODUCT_TRANSITIONS[from].includes(to);
}

/** Throws INVALID_TRANSITION unless `from → to` is in the table. */
export function assertProductTransition(from: ProductStatus, to: ProductStatus): void {
  if (!canTransitionProduct(from, to)) {
    throw new DomainError("INVALID_TRANSITION", `A ${from} product cannot become ${to}`, undefined, { params: { from, to } });
  }
}

export function productStatusOf(row: { active: boolean; archivedAt: Date | null }): ProductStatus {
  if (row.archivedAt) return "archived";
  return row.active ? "visible" : "hidden";
}

/** The stored columns for a status. */
export function columnsForStatus(status: ProductStatus, now: Date): { active: boolean; archivedAt: Date | null } {
  if (status === "archived") return { active: false, archivedAt: now };
  return { active: status === "visible", archivedAt: null };
}
