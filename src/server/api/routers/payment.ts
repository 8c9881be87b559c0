import { createTRPCRouter } from "../trpc";

/** Procedures of the payment module (shopper, admin and public tiers). */
export const paymentRouter = createTRPCRouter({});
