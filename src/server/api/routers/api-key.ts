import {
  ZApiKey,
  ZApiKeyList,
  ZCreateAdminApiKeyInput,
  ZCreateShopperApiKeyInput,
  ZCreatedApiKey,
  ZRevokeApiKeyInput,
  createApiKey,
  listApiKeys,
  revokeApiKey,
} from "@/server/domain/api-key";
import { adminProcedure, authedProcedure, createTRPCRouter } from "../trpc";

/** A signed-in user's own keys; new keys here act as the shopper (admins use adminApiKey). */
export const apiKeyRouter = createTRPCRouter({
  list: authedProcedure.output(ZApiKeyList).query(({ ctx }) => listApiKeys({ db: ctx.db, userId: ctx.session.id, role: ctx.session.role })),
  create: authedProcedure
    .input(ZCreateShopperApiKeyInput)
    .output(ZCreatedApiKey)
    .mutation(({ ctx, input }) =>
      createApiKey({ db: ctx.db, userId: ctx.session.id, role: ctx.session.role, requestId: ctx.requestId, scope: "shopper", ...input }),
    ),
  revoke: authedProcedure
    .input(ZRevokeApiKeyInput)
    .output(ZApiKey)
    .mutation(({ ctx, input }) =>
      revokeApiKey({ db: ctx.db, userId: ctx.session.id, role: ctx.session.role, requestId: ctx.requestId, apiKeyId: input.id }),
    ),
});

/** Admin-scoped keys: every admin sees and may revoke all of them. */
export const adminApiKeyRouter = createTRPCRouter({
  list: adminProcedure.output(ZApiKeyList).query(({ ctx }) => listApiKeys({ db: ctx.db, userId: ctx.session.id, role: "admin" })),
  create: adminProcedure
    .input(ZCreateAdminApiKeyInput)
    .output(ZCreatedApiKey)
    .mutation(({ ctx, input }) => createApiKey({ db: ctx.db, userId: ctx.session.id, role: "admin", requestId: ctx.requestId, ...input })),
  revoke: adminProcedure
    .input(ZRevokeApiKeyInput)
    .output(ZApiKey)
    .mutation(({ ctx, input }) => revokeApiKey({ db: ctx.db, userId: ctx.session.id, role: "admin", requestId: ctx.requestId, apiKeyId: input.id })),
});
