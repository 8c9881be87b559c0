import type { DbOrTx } from "@/server/db/client";
import { getAddress } from "@/server/domain/address";
import { getCart } from "@/server/domain/cart";
import { isKnownArea, parcelFor, quoteChosenOption, quoteOptions, ZQuoteOptionsInput, type ShippingOption } from "@/server/domain/logistics";
import { DomainError } from "@/server/errors";
import type { z } from "zod";
import type { ShippingQuote } from "./checkout";

/**
 * Checkout's shipping hook: the fee of the option the shopper chose, recomputed on the server
 * from the catalog's weights and sizes, the warehouse and the delivery address. A fee sent by
 * the browser is never read; an option that is not on offer is refused (NO_SHIPPING_OPTION).
 */
export const quoteShippingForCheckout: ShippingQuote = async ({ db, shipping, destination, lines }) => {
  const parcel = await parcelFor(db, lines);
  return quoteChosenOption(db, { parcel, destination, choice: shipping });
};

/**
 * The shipping options a shopper is offered at checkout, for a saved address or a place picked
 * for a new one, and for the cart or a buy-now list. Read-only. A picked place must be a real
 * division: its names choose the fee zone, so an unknown one is refused rather than priced.
 */
export async function quoteOptionsForShopper(
  db: DbOrTx,
  { userId, input }: { userId: string; input: z.input<typeof ZQuoteOptionsInput> },
): Promise<ShippingOption[]> {
  const data = ZQuoteOptionsInput.parse(input);
  const destination = data.addressId ? await getAddress(db, { userId, addressId: data.addressId }) : data.destination;
  if (!destination) throw new DomainError("VALIDATION_FAILED", "Choose a delivery address", { addressId: ["Choose a delivery address"] }, { fieldIssues: { addressId: [{ code: "choose_from_list" }] } });
  if (!data.addressId && !isKnownArea(destination)) {
    throw new DomainError("VALIDATION_FAILED", "Choose the province, city and district from the lists", { destination: ["Choose the province, city and district from the lists"] }, { fieldIssues: { destination: [{ code: "choose_from_list" }] } });
  }
  const lines = data.items ?? (await getCart(db, userId)).lines.map((l) => ({ productId: l.productId, quantity: l.quantity, unitPriceMinor: l.unitPriceMinor }));
  if (lines.length === 0) throw new DomainError("CART_EMPTY", "Your cart is empty");
  return quoteOptions(db, { parcel: await parcelFor(db, lines), destination });
}
