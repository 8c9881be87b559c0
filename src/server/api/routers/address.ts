import { z } from "zod";
import {
  ZAddress,
  ZAddressId,
  ZAddressInput,
  ZUpdateAddressInput,
  createAddress,
  deleteAddress,
  getAddress,
  listAddresses,
  setDefaultAddress,
  updateAddress,
} from "@/server/domain/address";
import { createTRPCRouter, shopperProcedure } from "../trpc";

export const addressRouter = createTRPCRouter({
  list: shopperProcedure.output(z.array(ZAddress)).query(({ ctx }) => listAddresses(ctx.db, ctx.session.id)),
  byId: shopperProcedure
    .input(ZAddressId)
    .output(ZAddress)
    .query(({ ctx, input }) => getAddress(ctx.db, { userId: ctx.session.id, addressId: input.id })),
  create: shopperProcedure
    .input(ZAddressInput)
    .output(ZAddress)
    .mutation(({ ctx, input }) => createAddress(ctx.db, { userId: ctx.session.id, input })),
  update: shopperProcedure
    .input(ZUpdateAddressInput)
    .output(ZAddress)
    .mutation(({ ctx, input: { id, ...input } }) => updateAddress(ctx.db, { userId: ctx.session.id, addressId: id, input })),
  setDefault: shopperProcedure
    .input(ZAddressId)
    .output(ZAddress)
    .mutation(({ ctx, input }) => setDefaultAddress(ctx.db, { userId: ctx.session.id, addressId: input.id })),
  remove: shopperProcedure
    .input(ZAddressId)
    .mutation(({ ctx, input }) => deleteAddress(ctx.db, { userId: ctx.session.id, addressId: input.id })),
});
