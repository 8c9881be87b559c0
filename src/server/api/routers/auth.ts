import { ZSignUpInput, ZUserView, registerShopper } from "@/server/domain/user";
import { createTRPCRouter, publicProcedure } from "../trpc";

export const authRouter = createTRPCRouter({
  /** Creates a shopper account; the page then signs in through next-auth. */
  signUp: publicProcedure.input(ZSignUpInput).output(ZUserView).mutation(({ ctx, input }) => registerShopper(ctx.db, input)),
  /** Who am I (or null). */
  me: publicProcedure.output(ZUserView.nullable()).query(({ ctx }) =>
    ctx.session ? { id: ctx.session.id, email: ctx.session.email, name: ctx.session.name, role: ctx.session.role } : null,
  ),
});
