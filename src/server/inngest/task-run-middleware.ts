import { Middleware } from "inngest";
import { getDb } from "@/server/db/client";
import { finishTaskRun, startTaskRun } from "@/server/domain/lifecycle/task-runs.service";
import type { TaskTrigger } from "@/server/db/schema/lifecycle";
import { logger } from "@/server/observability/logger";

type RunCtx = { runId: string; attempt: number; event: { name: string; data: unknown } };

export function triggerOf(eventName: string): TaskTrigger {
  if (eventName === "inngest/scheduled.timer") return "cron";
  if (eventName === "inngest/function.invoked") return "manual";
  return "event";
}

/**
 * Records every Inngest function run in task_runs (one row per run id; each attempt updates
 * it): started on the first request of an attempt, finished when the run completes or fails.
 * Recording never breaks a run: a database error here is logged and swallowed.
 */
export class TaskRunMiddleware extends Middleware.BaseMiddleware {
  readonly id = "shopflow-task-runs";

  private async safely(work: () => Promise<unknown>) {
    try {
      await work();
    } catch (error) {
      logger.warn({ err: error }, "could not record an Inngest run");
    }
  }

  override async onMemoizationEnd({ ctx, fn }: Middleware.OnMemoizationEndArgs) {
    const c = ctx as unknown as RunCtx;
    await this.safely(() =>
      startTaskRun(getDb(), {
        taskId: fn.id(),
        trigger: triggerOf(c.event.name),
        mode: "inngest",
        attempt: c.attempt,
        runId: c.runId,
        eventName: c.event.name,
        eventData: (c.event.data ?? null) as Record<string, unknown> | null,
      }),
    );
  }

  override async onRunComplete({ ctx, output }: Middleware.OnRunCompleteArgs) {
    const c = ctx as unknown as RunCtx;
    const result = output && typeof output === "object" ? (output as Record<string, unknown>) : { output: output ?? null };
    await this.safely(() => finishTaskRun(getDb(), { runId: c.runId }, { status: "succeeded", result, attempt: c.attempt }));
  }

  override async onRunError({ ctx, error, isFinalAttempt }: Middleware.OnRunErrorArgs) {
    const c = ctx as unknown as RunCtx;
    await this.safely(() =>
      isFinalAttempt
        ? finishTaskRun(getDb(), { runId: c.runId }, { status: "failed", error, attempt: c.attempt })
        : finishTaskRun(getDb(), { runId: c.runId }, { status: "failed", error: `attempt ${c.attempt} failed, will retry: ${error.message}`, attempt: c.attempt, retrying: true }),
    );
  }
}
