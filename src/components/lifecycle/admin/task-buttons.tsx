"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useTranslations } from "use-intl";
import { useErrorText } from "@/components/forms/error-text";
import { Button } from "@/components/ui/button";
import { useTRPC } from "@/trpc/client";

/** "Run now" for a cron task (recorded as a manual run). */
export function RunNowButton({ taskId, label }: { taskId: string; label: string }) {
  const t = useTranslations("lifecycle.tasks");
  const trpc = useTRPC();
  const router = useRouter();
  const run = useMutation(trpc.lifecycle.runNow.mutationOptions({ onSettled: () => router.refresh() }));
  return (
    <span className="inline-flex items-center gap-2">
      <Button type="button" variant="secondary" className="px-2 py-1 text-xs" aria-label={`${t("runNow")}: ${label}`} disabled={run.isPending} onClick={() => run.mutate({ taskId })}>
        {run.isPending ? t("running") : t("runNow")}
      </Button>
      {run.isSuccess && <span role="status" className="text-xs text-emerald-700">{t("ran")}</span>}
      {run.isError && <span role="alert" className="text-xs text-rose-700">{t("runFailed")}</span>}
    </span>
  );
}

/** "Retry" for a failed run. */
export function RetryRunButton({ runId }: { runId: string }) {
  const t = useTranslations("lifecycle.tasks");
  const errorText = useErrorText();
  const trpc = useTRPC();
  const router = useRouter();
  const retry = useMutation(trpc.lifecycle.retryRun.mutationOptions({ onSettled: () => router.refresh() }));
  return (
    <span className="inline-flex items-center gap-2">
      <Button type="button" variant="secondary" className="px-2 py-1 text-xs" disabled={retry.isPending || retry.isSuccess} onClick={() => retry.mutate({ runId })}>
        {retry.isSuccess ? t("retried") : t("retry")}
      </Button>
      {retry.isError && <span role="alert" className="text-xs text-rose-700">{errorText.refusal(retry.error)}</span>}
    </span>
  );
}
