import { z } from "zod";
import { countCartItems } from "@/server/domain/cart";
import { countUnreadNotifications } from "@/server/domain/notification";
import { ZUserView, registerShopper, ZSignUpInput } from "@/server/domain/user";
import { createTRPCRouter, publicProcedure } from "../trpc";

/** What the shop's header shows of the reader: who is signed in, and a shopper's cart and unread counts. */
const ZShopHeader = z.object({
  user: z.object({ name: z.string(), role: z.enum(["shopper", "admin"]) }).nullable(),
  cartCount: z.number().int(),
  unreadCount: z.number().int(),
});

export const authRouter = createTRPCRouter({
  /** Creates a shopper account; the page then signs in through next-auth. */
  signUp: publicProcedure.input(ZSignUpInput).output(ZUserView).mutation(({ ctx, input }) => registerShopper(ctx.db, input)),
  /** Who am I (or null). */
  me: publicProcedure.output(ZUserView.nullable()).query(({ ctx }) =>
    ctx.session ? { id: ctx.session.id, email: ctx.session.email, name: ctx.session.name, role: ctx.session.role } : null,
  ),
  /**
   * The shop header's per-reader part, in one call: the shop's pages are the same for everyone
   * and built once, so the browser asks for this after the page arrives.
   */
  header: publicProcedure.output(ZShopHeader).query(async ({ ctx }) => {
    const session = ctx.session;
    if (!session) return { user: null, cartCount: 0, unreadCount: 0 };
    const user = { name: session.name, role: session.role };
    if (session.role !== "shopper") return { user, cartCount: 0, unreadCount: 0 };
    const [cartCount, unreadCount] = await Promise.all([countCartItems(ctx.db, session.id), countUnreadNotifications(ctx.db, { userId: session.id })]);
    return { user, cartCount, unreadCount };
  }),
});
