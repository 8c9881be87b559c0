import { z } from "zod";

/** The admin home's window: "today" and "the last 7 days" in China time, as of `now` (tests pin it). */
export const ZAdminDashboardInput = z.object({ now: z.coerce.date().optional() }).default({});
export type AdminDashboardInput = z.input<typeof ZAdminDashboardInput>;

const ZMoney = z.object({ currency: z.string(), amountMinor: z.number().int() });
const ZRecent = z.object({
  kind: z.enum(["order", "payment", "refund", "shipment"]),
  /** Where the admin reads more (an admin page path). */
  href: z.string(),
  /** The identifier a person reads: order number, payment/refund serial, tracking number. */
  reference: z.string(),
  orderNo: z.string(),
  fromStatus: z.string().nullable(),
  status: z.string(),
  amount: ZMoney.nullable(),
  at: z.date(),
});

export const ZAdminDashboardOutput = z.object({
  generatedAt: z.date(),
  /** The first day of the week window and today, China dates (YYYY-MM-DD), as the list filters take them. */
  today: z.string(),
  weekFrom: z.string(),
  orders: z.object({ today: z.number().int(), week: z.number().int() }),
  revenue: z.object({ today: z.array(ZMoney), week: z.array(ZMoney) }),
  /** Final outcomes of payments created in the window: captured / (captured + failed + cancelled + expired); null when none ended. */
  paymentSuccessRate: z.object({ basis: z.literal("final_outcomes"), today: z.number().nullable(), week: z.number().nullable(), weekFinished: z.number().int() }),
  refunds: z.object({ today: z.number().int(), week: z.number().int(), refundedToday: z.array(ZMoney), refundedWeek: z.array(ZMoney) }),
  queues: z.object({
    toShip: z.number().int(),
    refundsToReview: z.number().int(),
    shipmentExceptions: z.number().int(),
    staleShipments: z.number().int(),
    failedWebhooks: z.number().int(),
    failedTasks: z.number().int(),
    lowStock: z.number().int(),
  }),
  ordersPerDay: z.array(z.object({ day: z.string(), orders: z.number().int() })),
  recent: z.array(ZRecent),
});
export type AdminDashboard = z.infer<typeof ZAdminDashboardOutput>;
