import { createTRPCRouter } from "../trpc";

/** Procedures of the lifecycle module (shopper, admin and public tiers). */
export const lifecycleRouter = createTRPCRouter({});
