import {
  ZAdminUser,
  ZChangePasswordInput,
  ZChangePasswordOutput,
  ZResetLinkOutput,
  ZResetPasswordInput,
  ZResetPasswordOutput,
  ZSetRoleInput,
  ZUserEventList,
  ZUserIdInput,
  ZUserListInput,
  ZUserListOutput,
  changeOwnPassword,
  createPasswordResetLink,
  getAdminUser,
  listUserEvents,
  listUsers,
  resetPasswordWithToken,
} from "@/server/domain/user";
import { setUserDisabled, setUserRole } from "@/server/flows/user-access";
import { rest } from "../openapi";
import { adminProcedure, authedProcedure, createTRPCRouter, publicProcedure } from "../trpc";

const actor = (ctx: { session: { id: string }; requestId: string }) => ({ actorId: ctx.session.id, requestId: ctx.requestId });

/** A browser session's id; an API key's caller ("apiKey:…") has none to keep. */
const browserSessionId = (sessionId: string) => (sessionId.startsWith("apiKey:") ? null : sessionId);

/** What every signed-in user does with their own account, and the public end of a reset link. */
export const accountRouter = createTRPCRouter({
  changePassword: authedProcedure
    .meta(rest("POST", "/account/password", "Change your password (ends your other sessions)", { tag: "Account" }))
    .input(ZChangePasswordInput)
    .output(ZChangePasswordOutput)
    .mutation(({ ctx, input }) =>
      changeOwnPassword({ db: ctx.db, userId: ctx.session.id, sessionId: browserSessionId(ctx.session.sessionId), requestId: ctx.requestId, ...input }),
    ),
  resetPassword: publicProcedure
    .meta(rest("POST", "/password-resets", "Set a new password with a one-time reset link's token", { tag: "Account", protect: false }))
    .input(ZResetPasswordInput)
    .output(ZResetPasswordOutput)
    .mutation(({ ctx, input }) => resetPasswordWithToken({ db: ctx.db, token: input.token, newPassword: input.newPassword, requestId: ctx.requestId })),
});

/** Admin → Users; every change is audited with the admin and the request. */
export const adminUsersRouter = createTRPCRouter({
  list: adminProcedure
    .meta(rest("GET", "/admin/users", "List and search user accounts", { tag: "Admin: users" }))
    .input(ZUserListInput)
    .output(ZUserListOutput)
    .query(({ ctx, input }) => listUsers(ctx.db, input)),
  byId: adminProcedure
    .meta(rest("GET", "/admin/users/{id}", "Get a user account", { tag: "Admin: users" }))
    .input(ZUserIdInput)
    .output(ZAdminUser)
    .query(({ ctx, input }) => getAdminUser(ctx.db, input.id)),
  events: adminProcedure
    .meta(rest("GET", "/admin/users/{id}/events", "A user account's audit trail", { tag: "Admin: users" }))
    .input(ZUserIdInput)
    .output(ZUserEventList)
    .query(({ ctx, input }) => listUserEvents(ctx.db, input.id)),
  setRole: adminProcedure
    .meta(rest("POST", "/admin/users/{id}/role", "Make a user a shopper or an admin", { tag: "Admin: users" }))
    .input(ZSetRoleInput)
    .output(ZAdminUser)
    .mutation(({ ctx, input }) => setUserRole({ db: ctx.db, userId: input.id, role: input.role, ...actor(ctx) })),
  disable: adminProcedure
    .meta(rest("POST", "/admin/users/{id}/disable", "Disable an account: its sessions and API keys stop working at once", { tag: "Admin: users" }))
    .input(ZUserIdInput)
    .output(ZAdminUser)
    .mutation(({ ctx, input }) => setUserDisabled({ db: ctx.db, userId: input.id, disabled: true, ...actor(ctx) })),
  enable: adminProcedure
    .meta(rest("POST", "/admin/users/{id}/enable", "Enable a disabled account again", { tag: "Admin: users" }))
    .input(ZUserIdInput)
    .output(ZAdminUser)
    .mutation(({ ctx, input }) => setUserDisabled({ db: ctx.db, userId: input.id, disabled: false, ...actor(ctx) })),
  createResetLink: adminProcedure
    .meta(
      rest("POST", "/admin/users/{id}/password-reset-link", "Make a one-time password reset link (written to the server log)", {
        tag: "Admin: users",
      }),
    )
    .input(ZUserIdInput)
    .output(ZResetLinkOutput)
    .mutation(async ({ ctx, input }) => {
      const { expiresAt } = await createPasswordResetLink({ db: ctx.db, userId: input.id, ...actor(ctx) });
      return { expiresAt };
    }),
});
