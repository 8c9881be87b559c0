import { createTRPCRouter } from "../trpc";

/** Procedures of the logistics module (shopper, admin and public tiers). */
export const logisticsRouter = createTRPCRouter({});
