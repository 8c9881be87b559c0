import { z } from "zod";
import { zText } from "@/server/validation/fields";

/** The kinds of stock movement, as stored; pages show a label for each. */
export const MOVEMENT_KINDS = ["receive", "reserve", "release", "commit", "restock", "adjust"] as const;
export const ZMovementKind = z.enum(MOVEMENT_KINDS);
export type MovementKind = z.infer<typeof ZMovementKind>;

/** Most stock one receipt may add: keeps on-hand counts far from the integer column's limit. */
export const MAX_RECEIPT = 1_000_000;
export const MAX_ON_HAND = 100_000_000;

export const ZReceiveStockInput = z.object({
  productId: z.uuid({ message: "Product not found" }),
  quantity: z.number().int("Use a whole number").min(1, "Receive at least 1").max(MAX_RECEIPT, `Receive at most ${MAX_RECEIPT} at once`),
  note: zText(200).optional(),
});
export type ReceiveStockInput = z.input<typeof ZReceiveStockInput>;

export const ZCorrectStockInput = z.object({
  productId: z.uuid({ message: "Product not found" }),
  /** The counted quantity on the shelf. */
  onHand: z.number().int("Use a whole number").min(0, "The count cannot be negative").max(MAX_ON_HAND, "That count is too large"),
  /** The on-hand figure the admin saw: a receipt or shipment since then makes the correction stale. */
  expectedOnHand: z.number().int().min(0).max(MAX_ON_HAND),
  reason: zText(200).min(3, "Say why the count changed"),
});
export type CorrectStockInput = z.input<typeof ZCorrectStockInput>;

export const ZStockLevel = z.object({
  productId: z.uuid(),
  onHand: z.number().int(),
  reserved: z.number().int(),
  available: z.number().int(),
});
export type StockLevel = z.infer<typeof ZStockLevel>;

export const ZMovementListInput = z.object({
  productId: z.uuid({ message: "Product not found" }),
  kind: ZMovementKind.optional(),
  page: z.number().int().min(1).max(10_000).default(1),
  pageSize: z.number().int().min(1).max(100).default(25),
});
export type MovementListInput = z.input<typeof ZMovementListInput>;

export const ZMovement = z.object({
  id: z.number().int(),
  kind: ZMovementKind,
  /** Units moved; for a correction, the change of the on-hand count (may be negative). */
  quantity: z.number().int(),
  orderId: z.uuid().nullable(),
  orderNo: z.string().nullable(),
  actorName: z.string().nullable(),
  note: z.string().nullable(),
  createdAt: z.date(),
});
export type Movement = z.infer<typeof ZMovement>;

export const ZMovementListOutput = z.object({
  items: z.array(ZMovement),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});

export const ZLowStockInput = z.object({
  page: z.number().int().min(1).max(10_000).default(1),
  pageSize: z.number().int().min(1).max(100).default(25),
});
export type LowStockInput = z.input<typeof ZLowStockInput>;

export const ZLowStockRow = z.object({
  productId: z.uuid(),
  sku: z.string(),
  nameEn: z.string(),
  nameZh: z.string(),
  visible: z.boolean(),
  onHand: z.number().int(),
  reserved: z.number().int(),
  available: z.number().int(),
  lowStockThreshold: z.number().int(),
});
export const ZLowStockOutput = z.object({
  items: z.array(ZLowStockRow),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});
