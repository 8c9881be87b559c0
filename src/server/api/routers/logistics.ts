import { z } from "zod";
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
  trackPublic,
} from "@/server/domain/logistics";
import { quoteOptionsForShopper } from "@/server/flows/shipping-quote";
import { zText } from "@/server/validation/fields";
import { createTRPCRouter, publicProcedure, shopperProcedure } from "../trpc";
import { rest } from "../openapi";

/** Shopper and public procedures of the logistics module. */
export const logisticsRouter = createTRPCRouter({
  /** Shipping options (carrier × service level) with their fees for the cart or a buy-now list. */
  quoteOptions: shopperProcedure
    .input(ZQuoteOptionsInput)
    .output(z.array(ZShippingOption))
    .query(({ ctx, input }) => quoteOptionsForShopper(ctx.db, { userId: ctx.session.id, input })),
  /** The tracking of one of the shopper's own orders (NOT_FOUND for others' or before shipping). */
  myTracking: shopperProcedure
    .meta(rest("GET", "/orders/{orderId}/tracking", "Track one of your orders", { tag: "Shipments" }))
    .input(z.object({ orderId: z.uuid() }))
    .output(ZTrackingView)
    .query(({ ctx, input }) => getShopperTracking(ctx.db, { userId: ctx.session.id, orderId: input.orderId })),
  /** Public lookup by tracking number; personal data masked; rate limited per client. */
  track: publicProcedure
    .meta(rest("GET", "/tracking/{trackingNo}", "Look up a parcel by tracking number (public, masked)", { tag: "Shipments", protect: false }))
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
