import Link from "next/link";
import { AutoRefresh } from "@/components/layout/auto-refresh";
import { RequestsChart } from "@/components/monitoring/requests-chart";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { getLocale, getTranslations } from "@/i18n/server";
import { DISPLAY_TIME_ZONE, formatDateTime } from "@/lib/dates";
import { api } from "@/trpc/server";

export const dynamic = "force-dynamic";

const REFRESH_SECONDS = 5;
const KNOWN_ROLES = ["gateway", "web", "worker"] as const;
/** Pool names as processes label them (shopflow_db_pool_*), and their message keys. */
const POOL_KEYS: Record<string, "main" | "statement" | "other" | "paymentSimulator"> = { main: "main", statement: "statement", other: "other", "payment-simulator": "paymentSimulator" };
const TASK_STATUSES = ["running", "succeeded", "failed"] as const;
const SCHEDULER_MODES = ["local", "inngest", "off", "auto"] as const;

export async function generateMetadata() {
  const t = await getTranslations("monitoring");
  return { title: t("title") };
}

const th = "px-3 py-2";
const td = "px-3 py-2";

/**
 * Admin → Monitoring: what Grafana shows, for people without Grafana — requests per route and
 * minute over the last hour (all gateways), the processes with their heartbeats, the database
 * pools, the scheduler's leader and task health, and the outbox backlog. Refreshes itself.
 */
export default async function AdminMonitoringPage() {
  const [t, locale, caller] = await Promise.all([getTranslations("monitoring"), getLocale(), api()]);
  const view = await caller.adminMonitoring.overview({});
  const number = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 });
  const rate = new Intl.NumberFormat(locale, { maximumFractionDigits: 2 });
  const percent = new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 1 });
  const ms = (value: number | null) => (value === null ? "—" : t("units.ms", { value: number.format(value) }));
  const mebibytes = (bytes: number) => `${number.format(bytes / 1_048_576)} MiB`;
  const duration = (seconds: number) => {
    const h = Math.floor(seconds / 3600);
    const m = Math.floor((seconds % 3600) / 60);
    return h > 0 ? `${h}h ${m}m` : m > 0 ? `${m}m ${seconds % 60}s` : `${seconds}s`;
  };
  const roleName = (role: string) => (KNOWN_ROLES.includes(role as never) ? t(`processes.roles.${role as "gateway"}`) : t("processes.roles.other", { role }));
  const poolName = (pool: string) => (POOL_KEYS[pool] ? t(`pools.names.${POOL_KEYS[pool]}`) : pool);
  const minuteOf = new Intl.DateTimeFormat("en-GB", { timeZone: DISPLAY_TIME_ZONE, hour: "2-digit", minute: "2-digit", hourCycle: "h23" });
  const points = view.perMinute.map((p) => ({ time: minuteOf.format(p.minute), count: p.count, errors: p.errors, p95Ms: p.p95Ms === null ? null : Math.round(p.p95Ms) }));
  const secondsAgo = (at: Date) => t("units.ago", { value: Math.max(0, Math.round((view.now.getTime() - at.getTime()) / 1000)) });

  const summary = [
    { label: t("summary.requests"), value: number.format(view.totals.count) },
    { label: t("summary.perMinute"), value: rate.format(view.totals.perMinute) },
    { label: t("summary.errorRate"), value: percent.format(view.totals.errorRate) },
    { label: t("summary.p95"), value: ms(view.totals.p95Ms) },
    { label: t("summary.outboxBacklog"), value: view.outbox ? number.format(view.outbox.backlog) : t("summary.outboxUnknown") },
    { label: t("summary.outboxOldest"), value: !view.outbox ? "—" : view.outbox.backlog === 0 ? t("summary.none") : duration(Math.round(view.outbox.oldestAgeSeconds)) },
  ];

  return (
    <div className="space-y-6">
      <AutoRefresh seconds={REFRESH_SECONDS} />
      <div>
        <h1 className="text-2xl font-semibold">{t("title")}</h1>
        <p className="text-sm text-slate-600">{t("intro", { minutes: view.windowMinutes, seconds: REFRESH_SECONDS })}</p>
      </div>

      <dl aria-label={t("summary.label")} className="grid gap-3 sm:grid-cols-3 lg:grid-cols-6">
        {summary.map((item) => (
          <div key={item.label} className="rounded-lg border border-slate-200 bg-white p-3">
            <dt className="text-xs text-slate-500">{item.label}</dt>
            <dd className="text-lg font-semibold">{item.value}</dd>
          </div>
        ))}
      </dl>

      <RequestsChart points={points} />

      <section className="space-y-2">
        <h2 className="text-lg font-medium">{t("routes.title")}</h2>
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className="w-full text-sm" aria-label={t("routes.tableLabel")}>
            <thead className="bg-slate-50 text-left text-slate-600">
              <tr>
                <th className={th}>{t("routes.route")}</th>
                <th className={`${th} text-right`}>{t("routes.count")}</th>
                <th className={`${th} text-right`}>{t("routes.perMinute")}</th>
                <th className={`${th} text-right`}>{t("routes.errorRate")}</th>
                <th className={`${th} text-right`}>{t("routes.errors")}</th>
                <th className={`${th} text-right`}>{t("routes.p95")}</th>
                <th className={`${th} text-right`}>{t("routes.mean")}</th>
              </tr>
            </thead>
            <tbody>
              {view.routes.length === 0 ? (
                <tr>
                  <td colSpan={7} className={`${td} text-slate-500`}>
                    {t("routes.empty")}
                  </td>
                </tr>
              ) : (
                view.routes.map((route) => (
                  <tr key={route.route} className="border-t border-slate-100">
                    <td className={`${td} font-mono text-xs`}>{route.route}</td>
                    <td className={`${td} text-right tabular-nums`}>{number.format(route.count)}</td>
                    <td className={`${td} text-right tabular-nums`}>{rate.format(route.perMinute)}</td>
                    <td className={`${td} text-right tabular-nums ${route.serverErrors > 0 ? "text-rose-700" : ""}`}>{percent.format(route.errorRate)}</td>
                    <td className={`${td} text-right tabular-nums`}>
                      {route.clientErrors} / {route.serverErrors}
                    </td>
                    <td className={`${td} text-right tabular-nums`}>{ms(route.p95Ms)}</td>
                    <td className={`${td} text-right tabular-nums`}>{ms(route.meanMs)}</td>
                  </tr>
                ))
              )}
            </tbody>
          </table>
        </div>
      </section>

      <section className="space-y-2">
        <h2 className="text-lg font-medium">{t("processes.title")}</h2>
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className="w-full text-sm" aria-label={t("processes.tableLabel")}>
            <thead className="bg-slate-50 text-left text-slate-600">
              <tr>
                <th className={th}>{t("processes.role")}</th>
                <th className={th}>{t("processes.instance")}</th>
                <th className={th}>{t("processes.version")}</th>
                <th className={th}>{t("processes.status")}</th>
                <th className={th}>{t("processes.uptime")}</th>
                <th className={th}>{t("processes.memory")}</th>
                <th className={th}>{t("processes.eventLoop")}</th>
                <th className={th}>{t("processes.lastBeat")}</th>
              </tr>
            </thead>
            <tbody>
              {view.processes.length === 0 ? (
                <tr>
                  <td colSpan={8} className={`${td} text-slate-500`}>
                    {t("processes.empty")}
                  </td>
                </tr>
              ) : (
                view.processes.map((p) => (
                  <tr key={p.instanceId} data-role={p.role} data-status={p.status} className={`border-t border-slate-100 ${p.status === "gone" ? "text-slate-400" : ""}`}>
                    <td className={td}>
                      {roleName(p.role)}
                      {p.schedulerLeader && p.status === "alive" ? (
                        <>
                          {" "}
                          <Badge tone="info">{t("processes.leader")}</Badge>
                        </>
                      ) : null}
                    </td>
                    <td className={`${td} font-mono text-xs`} title={p.instanceId}>
                      {p.host}:{p.pid}
                    </td>
                    <td className={`${td} font-mono text-xs`}>{p.version}</td>
                    <td className={td}>
                      <Badge tone={p.status === "alive" ? "success" : "neutral"}>{t(`processes.statuses.${p.status}`)}</Badge>
                    </td>
                    <td className={`${td} tabular-nums`}>{duration(p.uptimeSeconds)}</td>
                    <td className={`${td} tabular-nums`}>
                      {mebibytes(p.rssBytes)} / {mebibytes(p.heapUsedBytes)}
                    </td>
                    <td className={`${td} tabular-nums`}>
                      {ms(p.eventLoopDelayMeanMs)} / {ms(p.eventLoopDelayP99Ms)}
                    </td>
                    <td className={`${td} tabular-nums`} title={formatDateTime(p.lastBeatAt, locale)}>
                      {secondsAgo(p.lastBeatAt)}
                    </td>
                  </tr>
                ))
              )}
            </tbody>
          </table>
          <p className="border-t border-slate-100 px-3 py-2 text-xs text-slate-500">{t("processes.goneNote")}</p>
        </div>
      </section>

      <div className="grid gap-6 lg:grid-cols-2">
        <Card>
          <h2 className="mb-2 font-medium">{t("pools.title")}</h2>
          {view.dbPools.length === 0 ? (
            <p className="text-sm text-slate-500">{t("pools.empty")}</p>
          ) : (
            <table className="w-full text-sm" aria-label={t("pools.tableLabel")}>
              <thead className="text-left text-slate-600">
                <tr>
                  <th className="py-1">{t("pools.pool")}</th>
                  <th className="py-1 text-right">{t("pools.size")}</th>
                  <th className="py-1 text-right">{t("pools.inUse")}</th>
                  <th className="py-1 text-right">{t("pools.waiting")}</th>
                </tr>
              </thead>
              <tbody>
                {view.dbPools.map((pool) => (
                  <tr key={pool.pool} className="border-t border-slate-100">
                    <td className="py-1">{poolName(pool.pool)}</td>
                    <td className="py-1 text-right tabular-nums">{pool.size}</td>
                    <td className="py-1 text-right tabular-nums">{pool.inUse}</td>
                    <td className={`py-1 text-right tabular-nums ${pool.waiting > 0 ? "text-amber-700" : ""}`}>{pool.waiting}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <p className="mt-2 text-xs text-slate-500">{t("pools.note")}</p>
        </Card>

        <Card>
          <h2 className="mb-2 font-medium">{t("scheduler.title")}</h2>
          <p className="text-sm">
            {t("scheduler.mode")}: {SCHEDULER_MODES.includes(view.scheduler.mode as never) ? t(`scheduler.modes.${view.scheduler.mode as "local"}`) : view.scheduler.mode}
          </p>
          <p className="mb-2 text-sm">
            {t("scheduler.leader")}: {view.scheduler.leader ? <span className="font-mono text-xs">{`${view.scheduler.leader.host}:${view.scheduler.leader.pid}`}</span> : <span className="text-slate-500">{t("scheduler.noLeader")}</span>}
          </p>
          <table className="w-full text-sm" aria-label={t("scheduler.tableLabel")}>
            <thead className="text-left text-slate-600">
              <tr>
                <th className="py-1">{t("scheduler.task")}</th>
                <th className="py-1">{t("scheduler.lastRun")}</th>
                <th className="py-1 text-right">{t("scheduler.successRate")}</th>
                <th className="py-1 text-right">{t("scheduler.failed")}</th>
              </tr>
            </thead>
            <tbody>
              {view.scheduler.tasks.map((task) => (
                <tr key={task.id} className="border-t border-slate-100">
                  <td className="py-1 font-mono text-xs">{task.id}</td>
                  <td className="py-1 text-xs">
                    {task.lastStartedAt
                      ? `${formatDateTime(task.lastStartedAt, locale)} · ${TASK_STATUSES.includes(task.lastStatus as never) ? t(`scheduler.status.${task.lastStatus as "running"}`) : (task.lastStatus ?? "")}`
                      : t("scheduler.never")}
                  </td>
                  <td className="py-1 text-right tabular-nums">{task.successRate === null ? "—" : percent.format(task.successRate)}</td>
                  <td className={`py-1 text-right tabular-nums ${task.failed > 0 ? "text-rose-700" : ""}`}>{task.failed}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <Link href="/admin/tasks" className="mt-2 inline-block text-xs text-brand-700 underline">
            {t("scheduler.allTasks")}
          </Link>
        </Card>
      </div>
    </div>
  );
}
