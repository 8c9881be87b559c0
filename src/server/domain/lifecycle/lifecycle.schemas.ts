import { z } from "zod";
import { TASK_ERROR_CODES } from "@/server/db/schema/lifecycle";
import { zPatchOf, zText } from "@/server/validation/fields";
import { ZLifecycleSettingsFields } from "./lifecycle.settings";

export const ZConfirmReceiptInput = z.object({ orderId: z.uuid() });
export const ZConfirmReceiptOutput = z.object({ id: z.uuid(), status: z.literal("completed"), changed: z.boolean() });

/** Lifecycle timings plus the simulation time scale that shrinks them, edited together. */
export const ZUpdateLifecycleSettingsInput = zPatchOf(
  ZLifecycleSettingsFields.extend({ timeScale: z.number().min(1, "At least 1 (real time)").max(100_000, "At most 100000") }),
);

export const ZTaskId = z.object({ taskId: zText(200).min(1) });
export const ZTaskRunId = z.object({ runId: z.uuid() });

/** Lifecycle timings with the simulation time scale that shrinks them. */
export const ZLifecycleSettingsView = ZLifecycleSettingsFields.extend({ timeScale: z.number() });

/** One run of a background task (a cron sweep, an event function, or an admin's "run now"). */
export const ZTaskRun = z.object({
  id: z.uuid(),
  taskId: z.string(),
  trigger: z.enum(["cron", "event", "manual"]),
  mode: z.string(),
  status: z.enum(["running", "succeeded", "failed"]),
  attempt: z.number().int(),
  runId: z.string().nullable(),
  eventName: z.string().nullable(),
  eventData: z.record(z.string(), z.unknown()).nullable(),
  result: z.record(z.string(), z.unknown()).nullable(),
  /** What kind of failure (labelled on the Tasks page); null on runs that did not fail or failed before kinds were kept. */
  errorCode: z.enum(TASK_ERROR_CODES).nullable(),
  /** The error as thrown, for developers. */
  error: z.string().nullable(),
  retryOf: z.uuid().nullable(),
  startedAt: z.date(),
  finishedAt: z.date().nullable(),
  durationMs: z.number().int().nullable(),
});

/** The task catalogue with each task's recent statistics, and the latest failed runs. */
export const ZTasksOverview = z.object({
  mode: z.enum(["inngest", "local", "off"]),
  tasks: z.array(
    z.object({
      id: z.string(),
      kind: z.enum(["cron", "event"]),
      trigger: z.string(),
      description: z.string(),
      runnable: z.boolean(),
      runs: z.number().int(),
      failed: z.number().int(),
      finished: z.number().int(),
      successRate: z.number().nullable(),
      lastStartedAt: z.date().nullable(),
      lastStatus: z.string().nullable(),
    }),
  ),
  failures: z.array(ZTaskRun),
  /** How many failed runs match (the last day's, when asked for them); null when not counted. */
  failuresTotal: z.number().int().nullable(),
});

export const ZRunTaskResult = z.object({ runId: z.uuid(), processed: z.number().int() });
export const ZRetryTaskRunResult = z.object({ runId: z.uuid().nullable(), resent: z.boolean() });
