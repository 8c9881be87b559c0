import { z } from "zod";
import { zText } from "@/server/validation/fields";
import { PATTERNS } from "@/lib/validation/patterns";

const text = (label: string, max: number) =>
  zText(max).min(1, `Enter the ${label}`);

export const ZAddressInput = z.object({
  recipient: text("recipient's name", 40),
  phone: zText(20)
    .regex(PATTERNS.phone, "Enter a phone number (digits, spaces or dashes)"),
  province: text("province", 40),
  city: text("city", 40),
  district: text("district", 40),
  detail: text("street address", 200),
  isDefault: z.boolean().default(false),
});
export type AddressInput = z.input<typeof ZAddressInput>;

export const ZAddress = z.object({
  id: z.uuid(),
  recipient: z.string(),
  phone: z.string(),
  province: z.string(),
  city: z.string(),
  district: z.string(),
  detail: z.string(),
  isDefault: z.boolean(),
});
export type Address = z.infer<typeof ZAddress>;

export const ZAddressId = z.object({ id: z.uuid({ message: "Unknown address" }) });
export const ZUpdateAddressInput = ZAddressInput.extend({ id: z.uuid() });
