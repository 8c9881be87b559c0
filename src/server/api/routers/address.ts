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
import { rest } from "../openapi";

export const addressRouter = createTRPCRouter({
  list: shopperProcedure
    .meta(rest("GET", "/addresses", "List your addresses", { tag: "Addresses" })).output(z.array(ZAddress)).query(({ ctx }) => listAddresses(ctx.db, ctx.session.id)),
  byId: shopperProcedure
    .meta(rest("GET", "/addresses/{id}", "Get an address", { tag: "Addresses" }))
    .input(ZAddressId)
    .output(ZAddress)
    .query(({ ctx, input }) => getAddress(ctx.db, { userId: ctx.session.id, addressId: input.id })),
  create: shopperProcedure
    .meta(rest("POST", "/addresses", "Add an address", { tag: "Addresses" }))
    .input(ZAddressInput)
    .output(ZAddress)
    .mutation(({ ctx, input }) => createAddress(ctx.db, { userId: ctx.session.id, input })),
  update: shopperProcedure
    .meta(rest("PATCH", "/addresses/{id}", "Change an address", { tag: "Addresses" }))
    .input(ZUpdateAddressInput)
    .output(ZAddress)
    .mutation(({ ctx, input: { id, ...input } }) => updateAddress(ctx.db, { userId: ctx.session.id, addressId: id, input })),
  setDefault: shopperProcedure
    .meta(rest("POST", "/addresses/{id}/default", "Make an address your default", { tag: "Addresses" }))
    .input(ZAddressId)
    .output(ZAddress)
    .mutation(({ ctx, input }) => setDefaultAddress(ctx.db, { userId: ctx.session.id, addressId: input.id })),
  remove: shopperProcedure
    .input(ZAddressId)
    .output(z.void())
    .mutation(({ ctx, input }) => deleteAddress(ctx.db, { userId: ctx.session.id, addressId: input.id })),
});
