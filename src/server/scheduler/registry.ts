import type { Database } from "@/server/db/client";
import { EVENT_CONSUMERS, localDelivery, type OutboxDelivery } from "@/server/events";
import { lifecycleSweeps } from "@/server/flows/lifecycle-sweeps";
import { PAYMENT_SWEEPS } from "@/server/flows/payment-sweeps";
import { recordDueCheckpointsSweep } from "@/server/flows/shipment-sweep";
import { simulationRunsSweep } from "@/server/flows/simulation-run";
import { logRetentionSweep } from "@/server/domain/logs";
import { inngestDelivery } from "@/server/inngest/outbox-delivery";
import { schedulerMode } from "./mode";
import type { Sweep } from "./sweep";

/** Outbox events go to Inngest in Inngest mode, to the in-process consumers otherwise. */
export function outboxDeliveryFor(db: Database): OutboxDelivery {
  return schedulerMode() === "inngest" ? inngestDelivery : localDelivery(db, EVENT_CONSUMERS);
}

/**
 * Every sweep in the app. Modules export their sweeps from their index and add them here.
 */
export const SWEEPS: Sweep[] = [...PAYMENT_SWEEPS, recordDueCheckpointsSweep, simulationRunsSweep, logRetentionSweep, ...lifecycleSweeps(outboxDeliveryFor)];

/** Sweeps that run in-process even in Inngest mode: the outbox relay sends new events to Inngest within seconds. */
export const ALWAYS_LOCAL_SWEEP_IDS = ["lifecycle-outbox-relay"];

