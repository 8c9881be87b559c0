import { parcelFor, quoteChosenOption } from "@/server/domain/logistics";
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
