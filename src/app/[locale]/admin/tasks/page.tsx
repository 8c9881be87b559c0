import Link from "next/link";
import { AutoRefresh } from "@/components/layout/auto-refresh";
import { RetryRunButton, RunNowButton } from "@/components/lifecycle/admin/task-buttons";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { getLocale, getTranslations } from "@/i18n/server";
import { describeCron } from "@/lib/cron-text";
import { formatDateTime } from "@/lib/dates";
import { firstParams, type RawSearchParams } from "@/lib/search-params";
import { api } from "@/trpc/server";

export const dynamic = "force-dynamic";

export async function generateMetadata() {
  const t = await getTranslations("lifecycle.tasks");
  return { title: t("title") };
}

/** Admin → Tasks: every function/sweep with its trigger, the active mode, last run, success rate and recent failures. */
export default async function AdminTasksPage({ searchParams }: { searchParams: Promise<RawSearchParams> }) {
  const params: { failures?: string } = firstParams(await searchParams, 20);
  const [t, locale, caller] = await Promise.all([getTranslations("lifecycle"), getLocale(), api()]);
  // "?failures=lastDay" (the admin home's failed-tasks link): every failure of the last 24 h instead of the latest 20.
  const failuresOfLastDay = params.failures === "lastDay";
  const { mode, tasks, failures, failuresTotal } = await caller.lifecycle.tasks({ failures: failuresOfLastDay ? "lastDay" : "recent" });
  // Inngest function ids of sweeps are "sweep-<id>"; both read the sweep's description.
  const describe = (taskId: string) => {
    const key = taskId.replace(/^sweep-/, "");
    const path = `tasks.descriptions.${key}` as "tasks.title";
    return t.has(path) ? t(path) : null;
  };
  return (
    <div className="space-y-6">
      {/* Runs start and finish every few seconds: a view frozen at load time shows "running" forever. */}
      <AutoRefresh seconds={5} />
      <h1 className="text-2xl font-semibold">{t("tasks.title")}</h1>
      <Card>
        <p className="font-medium">{t("tasks.mode", { mode: t(`tasks.modes.${mode}`) })}</p>
        <p className="text-sm text-slate-600">{t(`tasks.modeHint.${mode}`)}</p>
      </Card>
      <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
        <table className="w-full text-sm" aria-label={t("tasks.tableLabel")}>
          <thead className="bg-slate-50 text-left text-slate-600">
            <tr>
              <th className="px-3 py-2">{t("tasks.task")}</th>
              <th className="px-3 py-2">{t("tasks.trigger")}</th>
              <th className="px-3 py-2">{t("tasks.lastRun")}</th>
              <th className="px-3 py-2">{t("tasks.successRate")}</th>
              <th className="px-3 py-2">{t("tasks.actions")}</th>
            </tr>
          </thead>
          <tbody>
            {tasks.map((task) => (
              <tr key={task.id} className="border-t border-slate-100 align-top">
                <td className="px-3 py-2">
                  <div className="font-mono text-xs font-medium">{task.id}</div>
                  <div className="text-xs text-slate-500">{describe(task.id)}</div>
                </td>
                <td className="px-3 py-2">
                  <Badge tone={task.kind === "cron" ? "neutral" : "info"}>{t(`tasks.${task.kind}`)}</Badge>{" "}
                  {task.kind === "cron" && describeCron(task.trigger, locale) && (
                    <span className="text-xs" data-testid="cron-reading">
                      {describeCron(task.trigger, locale)}
                    </span>
                  )}{" "}
                  <code className="whitespace-nowrap text-xs text-slate-500">{task.trigger}</code>
                </td>
                <td className="px-3 py-2 text-xs">
                  {task.lastStartedAt ? `${formatDateTime(task.lastStartedAt, locale)} · ${t(`tasks.status.${task.lastStatus as "succeeded"}`)}` : t("tasks.never")}
                </td>
                <td className="px-3 py-2 text-xs">{task.successRate === null ? "—" : `${Math.round(task.successRate * 100)}% (${task.finished})`}</td>
                <td className="px-3 py-2">{task.runnable && <RunNowButton taskId={task.id} label={task.id} />}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <p className="border-t border-slate-100 px-3 py-2 text-xs text-slate-500">{t("tasks.idleRunsNote")}</p>
      </div>
      <Card id="failures">
        <h2 className="mb-2 font-medium">{t("tasks.failures")}</h2>
        {failuresOfLastDay && failuresTotal !== null && (
          <p className="mb-2 text-sm text-slate-600">
            <span data-testid="list-total">{t("tasks.failuresOfLastDay", { count: failuresTotal })}</span>{" "}
            <Link href="/admin/tasks" className="text-brand-700 underline">
              {t("tasks.showRecentFailures")}
            </Link>
          </p>
        )}
        {failures.length === 0 ? (
          <p className="text-sm text-slate-500">{t("tasks.noFailures")}</p>
        ) : (
          <ul className="space-y-2 text-sm">
            {failures.map((run) => (
              <li key={run.id} className="flex flex-wrap items-start gap-2 border-b border-slate-100 pb-2">
                <span className="font-mono text-xs">{run.taskId}</span>
                <span className="text-xs text-slate-500">{formatDateTime(run.startedAt, locale)}</span>
                <span className="flex-1 text-xs text-rose-700" data-testid="task-error">
                  {t(`tasks.errorCodes.${run.errorCode ?? "unknown"}`)}
                  {run.error && (
                    <details className="mt-1 text-slate-500">
                      <summary className="cursor-pointer select-none">{t("tasks.errorDetails")}</summary>
                      <code className="block font-mono break-all whitespace-pre-wrap">{run.error}</code>
                    </details>
                  )}
                </span>
                <Link href={`/admin/tasks/runs/${run.id}`} className="text-xs text-brand-700 underline">
                  {t("tasks.viewRun")}
                </Link>
                <RetryRunButton runId={run.id} />
              </li>
            ))}
          </ul>
        )}
      </Card>
    </div>
  );
}
