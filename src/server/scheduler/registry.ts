import { PAYMENT_SWEEPS } from "@/server/flows/payment-sweeps";
import { recordDueCheckpointsSweep } from "@/server/flows/shipment-sweep";
import { simulationRunsSweep } from "@/server/flows/simulation-run";
import type { Sweep } from "./sweep";

/**
 * Every sweep in the app. Modules export their sweeps from their index and add them here.
 */
export const SWEEPS: Sweep[] = [...PAYMENT_SWEEPS, recordDueCheckpointsSweep, simulationRunsSweep];
