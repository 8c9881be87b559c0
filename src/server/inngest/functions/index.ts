import { SWEEPS } from "@/server/scheduler/registry";
import { eventConsumers } from "./event-consumers";
import { orderFulfilment } from "./order-fulfilment";
import { orderPaymentWindow } from "./order-payment-window";
import { orderReceipt } from "./order-receipt";
import { refundProcessing } from "./refund-processing";
import { simulationRun } from "./simulation-run";
import { sweepCronFunction } from "./sweep-cron";
import { webhookDelivery } from "./webhook-delivery";

/** Every Inngest function of the app, served at /api/inngest. */
export const functions = [orderPaymentWindow, orderFulfilment, orderReceipt, refundProcessing, webhookDelivery, eventConsumers, simulationRun, ...SWEEPS.map(sweepCronFunction)];
