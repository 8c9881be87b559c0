import { z } from "zod";
import { ADDRESS_RULES } from "@/lib/validation/text-rules";
import { zText } from "@/server/validation/fields";
import { PATTERNS } from "@/lib/validation/patterns";

const text = (label: string, max: number) =>
  zText(max).min(1, `Enter the ${label}`);

export const ZAddressInput = z.object({
  recipient: text("recipient's name", ADDRESS_RULES.recipient.max),
  phone: zText(ADDRESS_RULES.phone.max)
    .regex(PATTERNS[ADDRESS_RULES.phone.pattern], "Enter a phone number (digits, spaces or dashes)"),
  province: text("province", ADDRESS_RULES.province.max),
  city: text("city", ADDRESS_RULES.city.max),
  district: text("district", ADDRESS_RULES.district.max),
  detail: text("street address", ADDRESS_RULES.detail.max),
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
