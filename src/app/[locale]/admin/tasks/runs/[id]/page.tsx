import Link from "next/link";
import { RetryRunButton } from "@/components/lifecycle/admin/task-buttons";
import { Card } from "@/components/ui/card";
import { getLocale, getTranslations } from "@/i18n/server";
import { formatDateTime } from "@/lib/dates";
import { api, orNotFound } from "@/trpc/server";

export async function generateMetadata() {
  const t = await getTranslations("lifecycle.run");
  return { title: t("title") };
}

/** One task run: trigger, status, attempt, timing, the event it handled, its result or error. */
export default async function TaskRunPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const [t, ts, locale, caller] = await Promise.all([getTranslations("lifecycle.run"), getTranslations("lifecycle.tasks"), getLocale(), api()]);
  const run = await orNotFound(caller.lifecycle.taskRun({ runId: id }), `/admin/tasks/runs/${id}`);
  const rows: [string, React.ReactNode][] = [
    [t("task"), <code key="task">{run.taskId}</code>],
    [t("trigger"), t(`triggers.${run.trigger}`)],
    [t("mode"), ts.has(`modes.${run.mode as "local"}`) ? ts(`modes.${run.mode as "local"}`) : run.mode],
    [t("status"), ts(`status.${run.status}`)],
    [t("attempt"), String(run.attempt)],
    [t("started"), formatDateTime(run.startedAt, locale)],
    [t("duration"), run.durationMs === null ? "—" : t("durationMs", { ms: run.durationMs })],
  ];
  if (run.retryOf) rows.push([t("retryOf"), <Link key="retry" href={`/admin/tasks/runs/${run.retryOf}`} className="text-brand-700 underline">{run.retryOf}</Link>]);
  if (run.eventName) rows.push([t("event"), <code key="event">{run.eventName}</code>]);
  return (
    <div className="space-y-6">
      <Link href="/admin/tasks" className="text-sm text-brand-700 underline">
        {t("back")}
      </Link>
      <h1 className="text-2xl font-semibold">{t("title")}</h1>
      <Card>
        <dl className="grid grid-cols-[10rem_1fr] gap-x-4 gap-y-2 text-sm">
          {rows.map(([label, value]) => (
            <div key={label} className="contents">
              <dt className="text-slate-500">{label}</dt>
              <dd>{value}</dd>
            </div>
          ))}
        </dl>
      </Card>
      {run.eventData && (
        <Card>
          <h2 className="mb-2 font-medium">{t("event")}</h2>
          <pre className="overflow-x-auto text-xs">{JSON.stringify(run.eventData, null, 2)}</pre>
        </Card>
      )}
      {run.result && (
        <Card>
          <h2 className="mb-2 font-medium">{t("result")}</h2>
          <pre className="overflow-x-auto text-xs">{JSON.stringify(run.result, null, 2)}</pre>
        </Card>
      )}
      {run.error && (
        <Card>
          <h2 className="mb-2 font-medium">{t("error")}</h2>
          <p role="alert" className="text-sm text-rose-700" data-testid="task-error">
            {ts(`errorCodes.${run.errorCode ?? "unknown"}`)}
          </p>
          <details className="mt-1 text-xs text-slate-500">
            <summary className="cursor-pointer select-none">{ts("errorDetails")}</summary>
            <pre className="overflow-x-auto whitespace-pre-wrap font-mono">{run.error}</pre>
          </details>
          {run.status === "failed" && <RetryRunButton runId={run.id} />}
        </Card>
      )}
    </div>
  );
}
