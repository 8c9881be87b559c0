"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { useLocale, useTranslations } from "use-intl";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { EmptyState, LoadingState } from "@/components/ui/states";
import { formatDateTime } from "@/lib/dates";
import { useTRPC } from "@/trpc/client";
import { SimulationForm } from "./simulation-form";
import { SIMULATION_OUTCOME_KEYS } from "./simulation-types";

const STATUS_TONE = { running: "info", completed: "success", cancelled: "neutral", failed: "danger" } as const;

type RunView = { id: string; status: keyof typeof STATUS_TONE; nextBatch: number; ordersCreated: number; ordersFailed: number };

/** Of two reads of the same run, the later one: a run only moves forward (batches, then a final status). */
function later<T extends RunView>(a: T, b: T | undefined): T {
  if (!b || b.id !== a.id) return a;
  const rank = (r: RunView) => [r.status === "running" ? 0 : 1, r.nextBatch, r.ordersCreated + r.ordersFailed];
  const [ra, rb] = [rank(a), rank(b)];
  for (let i = 0; i < ra.length; i++) if (ra[i] !== rb[i]) return rb[i]! > ra[i]! ? b : a;
  return a;
}

/** Admin → Simulation: start a run, watch its progress (polling), cancel it, see the history. */
export function SimulationConsole({ carriers }: { carriers: { code: string; name: string }[] }) {
  const t = useTranslations("simulation");
  const locale = useLocale();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [startedId, setStartedId] = useState<string | null>(null);
  const history = useQuery(
    trpc.adminSimulation.list.queryOptions({ page: 1, pageSize: 10 }, { refetchInterval: (q) => (q.state.data?.items.some((r) => r.status === "running") ? 1500 : false) }),
  );
  const currentId = startedId ?? history.data?.items.find((r) => r.status === "running")?.id ?? null;
  const current = useQuery(
    trpc.adminSimulation.byId.queryOptions({ runId: currentId ?? "" }, { enabled: currentId !== null, refetchInterval: (q) => (q.state.data?.status === "running" ? 1000 : false) }),
  );
  const cancel = useMutation(
    trpc.adminSimulation.cancel.mutationOptions({
      onSuccess: () => Promise.all([queryClient.invalidateQueries({ queryKey: trpc.adminSimulation.byId.queryKey() }), queryClient.invalidateQueries({ queryKey: trpc.adminSimulation.list.queryKey() })]),
    }),
  );
  // The progress panel and the history row show one state of the run: the later of the two
  // reads. When the run moves on, the history is fetched again for everything else in it.
  const run = current.data && later(current.data, history.data?.items.find((r) => r.id === current.data!.id));
  const runState = current.data ? `${current.data.id}:${current.data.status}:${current.data.nextBatch}` : null;
  useEffect(() => {
    if (runState) void queryClient.invalidateQueries({ queryKey: trpc.adminSimulation.list.queryKey() });
  }, [runState, queryClient, trpc]);
  const outcomes = (counts: Record<string, number>) =>
    SIMULATION_OUTCOME_KEYS.filter((k) => counts[k])
      .map((k) => `${t(`outcome.${k}`)} ${counts[k]}`)
      .join(" · ");

  return (
    <div className="space-y-6">
      <SimulationForm carriers={carriers} onStarted={setStartedId} />

      {run && (
        <section aria-labelledby="sim-current" data-testid="simulation-current" className="space-y-3 rounded-lg border border-slate-200 bg-white p-5">
          <div className="flex flex-wrap items-center gap-3">
            <h2 id="sim-current" className="text-lg font-semibold">
              {t("progress.heading")}
            </h2>
            <Badge tone={STATUS_TONE[run.status]}>{t(`status.${run.status}`)}</Badge>
            <span className="text-xs text-slate-500">{t(`executor.${run.executor}`)}</span>
          </div>
          <div
            role="progressbar"
            aria-label={t("progress.label")}
            aria-valuemin={0}
            aria-valuemax={100}
            aria-valuenow={run.percent}
            aria-valuetext={`${run.percent}%`}
            className="h-3 w-full overflow-hidden rounded-full bg-slate-200"
          >
            <div className="h-full bg-brand-600 transition-[width]" style={{ width: `${run.percent}%` }} />
          </div>
          <p className="text-sm" data-testid="simulation-percent">
            {run.percent}% · {t("progress.orders", { created: run.ordersCreated, total: run.totalOrders })} · {t("progress.shoppers", { created: run.shoppersCreated, total: run.totalShoppers })} ·{" "}
            {t("progress.failed", { count: run.ordersFailed })}
          </p>
          {Object.keys(run.outcomeCounts).length > 0 && <p className="text-xs text-slate-600">{outcomes(run.outcomeCounts)}</p>}
          {run.error && (
            <p role="alert" className="text-sm text-rose-700">
              {run.error}
            </p>
          )}
          {run.status === "running" && (
            <Button type="button" variant="danger" onClick={() => cancel.mutate({ runId: run.id })} disabled={cancel.isPending}>
              {cancel.isPending ? t("progress.cancelling") : t("progress.cancel")}
            </Button>
          )}
        </section>
      )}

      <section aria-labelledby="sim-history" className="space-y-3">
        <h2 id="sim-history" className="text-lg font-semibold">
          {t("history.heading")}
        </h2>
        {history.isPending ? (
          <LoadingState label={t("history.loading")} />
        ) : !history.data || history.data.items.length === 0 ? (
          <EmptyState title={t("history.empty")} />
        ) : (
          <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
            <table className="w-full text-left text-sm">
              <thead className="bg-slate-50 text-xs uppercase text-slate-500">
                <tr>
                  <th className="px-3 py-2">{t("history.started")}</th>
                  <th className="px-3 py-2">{t("history.status")}</th>
                  <th className="px-3 py-2">{t("history.size")}</th>
                  <th className="px-3 py-2">{t("history.progress")}</th>
                  <th className="px-3 py-2">{t("history.outcomes")}</th>
                  <th className="px-3 py-2">{t("history.seed")}</th>
                  <th className="px-3 py-2">{t("history.driver")}</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {history.data.items.map((row) => {
                  const r = run ? later(row, run) : row;
                  return (
                    <tr key={r.id} data-testid={`simulation-run-${r.id}`}>
                      <td className="whitespace-nowrap px-3 py-2">{formatDateTime(r.createdAt, locale)}</td>
                      <td className="px-3 py-2">
                        <Badge tone={STATUS_TONE[r.status]}>{t(`status.${r.status}`)}</Badge>
                      </td>
                      <td className="whitespace-nowrap px-3 py-2">{t("history.sizeValue", { orders: r.totalOrders, shoppers: r.totalShoppers })}</td>
                      <td className="px-3 py-2">{r.percent}%</td>
                      <td className="px-3 py-2 text-xs text-slate-600">{outcomes(r.outcomeCounts)}</td>
                      <td className="px-3 py-2">{r.seed}</td>
                      <td className="px-3 py-2 text-xs">{t(`executor.${r.executor}`)}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <DemoDataButtons />
    </div>
  );
}

function DemoDataButtons() {
  const t = useTranslations("simulation.demo");
  const trpc = useTRPC();
  const router = useRouter();
  // Demo data changes the carriers the form offers (rendered on the server).
  const initialise = useMutation(trpc.adminSimulation.initialise.mutationOptions({ onSuccess: () => router.refresh() }));
  return (
    <section aria-labelledby="sim-demo" className="space-y-3 rounded-lg border border-slate-200 bg-white p-5">
      <h2 id="sim-demo" className="text-lg font-semibold">
        {t("heading")}
      </h2>
      <p className="text-sm text-slate-600">{t("hint")}</p>
      <div className="flex flex-wrap gap-3">
        <Button type="button" variant="secondary" disabled={initialise.isPending} onClick={() => initialise.mutate({ scope: "logistics" })}>
          {t("logistics")}
        </Button>
        <Button type="button" variant="secondary" disabled={initialise.isPending} onClick={() => initialise.mutate({ scope: "all" })}>
          {t("all")}
        </Button>
        <Button
          type="button"
          variant="secondary"
          disabled={initialise.isPending}
          onClick={() => {
            if (window.confirm(t("resetConfirm"))) initialise.mutate({ scope: "reset-logistics" });
          }}
        >
          {t("resetLogistics")}
        </Button>
      </div>
      <p role="status" className="text-sm text-slate-600">
        {initialise.isPending ? t("working") : initialise.isSuccess ? t("done") : initialise.isError ? t("failed") : ""}
      </p>
    </section>
  );
}
