import { z } from "zod";
import { getAddress } from "@/server/domain/address";
import { getCart } from "@/server/domain/cart";
import {
  DIVISIONS,
  ZPublicTrackingView,
  ZQuoteOptionsInput,
  ZShippingOption,
  ZTrackInput,
  ZTrackingView,
  consumePublicLookup,
  getShopperTracking,
  logisticsSettings,
  parcelFor,
  quoteOptions,
  trackPublic,
} from "@/server/domain/logistics";
import { DomainError } from "@/server/errors";
import { zText } from "@/server/validation/fields";
import { createTRPCRouter, publicProcedure, shopperProcedure } from "../trpc";

/** Shopper and public procedures of the logistics module. */
export const logisticsRouter = createTRPCRouter({
  /** Shipping options (carrier × service level) with their fees for the cart or a buy-now list. */
  quoteOptions: shopperProcedure
    .input(ZQuoteOptionsInput)
    .output(z.array(ZShippingOption))
    .query(async ({ ctx, input }) => {
      const destination = input.addressId ? await getAddress(ctx.db, { userId: ctx.session.id, addressId: input.addressId }) : input.destination;
      if (!destination) throw new DomainError("VALIDATION_FAILED", "Choose a delivery address", { addressId: ["Choose a delivery address"] });
      const lines = input.items ?? (await getCart(ctx.db, ctx.session.id)).lines.map((l) => ({ productId: l.productId, quantity: l.quantity, unitPriceMinor: l.unitPriceMinor }));
      if (lines.length === 0) throw new DomainError("CART_EMPTY", "Your cart is empty");
      return quoteOptions(ctx.db, { parcel: await parcelFor(ctx.db, lines), destination });
    }),
  /** The tracking of one of the shopper's own orders (NOT_FOUND for others' or before shipping). */
  myTracking: shopperProcedure
    .input(z.object({ orderId: z.uuid() }))
    .output(ZTrackingView)
    .query(({ ctx, input }) => getShopperTracking(ctx.db, { userId: ctx.session.id, orderId: input.orderId })),
  /** Public lookup by tracking number; personal data masked; rate limited per client. */
  track: publicProcedure
    .input(ZTrackInput)
    .output(ZPublicTrackingView)
    .query(async ({ ctx, input }) => {
      const { publicLookupsPerMinute } = await logisticsSettings.get(ctx.db);
      await consumePublicLookup(ctx.clientIp ?? "local", publicLookupsPerMinute);
      return trackPublic(ctx.db, { trackingNo: input.trackingNo });
    }),
  /** Area names one level at a time, for pickers: provinces; a province's cities; a city's districts. */
  areas: publicProcedure
    .input(z.object({ province: zText(40).optional(), city: zText(40).optional() }))
    .output(z.array(z.string()))
    .query(({ input }) => {
      if (!input.province) return DIVISIONS.map((p) => p.name);
      const province = DIVISIONS.find((p) => p.name === input.province);
      if (!input.city) return province?.cities.map((c) => c.name) ?? [];
      return province?.cities.find((c) => c.name === input.city)?.districts.map((d) => d.name) ?? [];
    }),
});
