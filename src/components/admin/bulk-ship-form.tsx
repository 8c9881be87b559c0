"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { useTranslations } from "use-intl";
import { BULK_SHIP_FORM, BULK_SHIP_LIMIT } from "@/components/admin/bulk-ship";
import { ShipServiceSelect, shipServiceOf, type ShipServiceOption } from "@/components/admin/ship-service-select";
import { OrderNoLink, TrackingNoLink } from "@/components/admin/identifier-links";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { useTRPC } from "@/trpc/client";

const LIMIT = BULK_SHIP_LIMIT;
const REASONS = ["ORDER_NOT_SHIPPABLE", "ORDER_NOT_FOUND", "NO_SHIPPING_OPTION", "NO_COURIER_AVAILABLE"] as const;

/**
 * Bulk ship from the "to ship" queue: the orders ticked in the list are shipped together (at
 * most 50), each on its own, and the result says for each order whether it shipped (with its
 * tracking number) or why not.
 */
export function BulkShipForm({ orders, services }: { orders: { id: string; orderNo: string }[]; services: ShipServiceOption[] }) {
  const t = useTranslations("orderHub.bulk");
  const th = useTranslations("orderHub");
  const [service, setService] = useState("");
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const ship = useMutation(trpc.adminLogistics.shipMany.mutationOptions());
  const [count, setCount] = useState(0);
  const [error, setError] = useState<string | null>(null);
  // The numbers of the orders sent, kept: shipped orders leave the list when it is read again.
  const [orderNo, setOrderNo] = useState(() => new Map<string, string>());
  const boxes = () => Array.from(document.querySelectorAll<HTMLInputElement>(`input[type=checkbox][form="${BULK_SHIP_FORM}"][name=orderId]`));
  const recount = () => setCount(boxes().filter((b) => b.checked).length);
  // The row checkboxes live in the table, outside the form's element: listen where their changes bubble.
  useEffect(() => {
    const onChange = (event: Event) => {
      if ((event.target as HTMLInputElement | null)?.form?.id === BULK_SHIP_FORM) setCount(boxes().filter((b) => b.checked).length);
    };
    document.addEventListener("change", onChange);
    return () => document.removeEventListener("change", onChange);
  }, []);

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const orderIds = new FormData(event.currentTarget).getAll("orderId").map(String);
    setError(null);
    if (orderIds.length === 0) return setError(t("selected", { count: 0 }));
    if (orderIds.length > LIMIT) return setError(t("limit", { limit: LIMIT }));
    setOrderNo(new Map(orders.map((o) => [o.id, o.orderNo])));
    try {
      await ship.mutateAsync({ orderIds, service: shipServiceOf(service) });
      for (const box of boxes()) box.checked = false;
      setCount(0);
      // The list is read by the browser: reading it again drops the shipped orders from the queue.
      await queryClient.invalidateQueries(trpc.adminOrder.list.pathFilter());
    } catch {
      setError(t("reasons.other"));
    }
  }

  const result = ship.data;
  return (
    <Card className="space-y-3" aria-labelledby="bulk-ship-title">
      <h2 id="bulk-ship-title" className="font-medium">
        {t("title")}
      </h2>
      <p className="text-sm text-slate-600">{t("hint", { limit: LIMIT })}</p>
      <form id={BULK_SHIP_FORM} onSubmit={onSubmit} className="flex flex-wrap items-center gap-3">
        <label className="flex items-center gap-2 text-sm">
          <input
            type="checkbox"
            onChange={(e) => {
              for (const box of boxes().slice(0, LIMIT)) box.checked = e.target.checked;
              recount();
            }}
          />
          {t("selectAll")}
        </label>
        <ShipServiceSelect label={th("shipService")} ownLabel={th("ownServiceEach")} options={services} value={service} onChange={setService} />
        <span className="text-sm text-slate-600" aria-live="polite" data-testid="bulk-selected">
          {t("selected", { count })}
        </span>
        <Button type="submit" disabled={ship.isPending}>
          {t("ship")}
        </Button>
      </form>
      {error && (
        <p role="alert" className="text-sm text-rose-700">
          {error}
        </p>
      )}
      {result && (
        <div className="space-y-2">
          <p role="status" className="text-sm font-medium">
            {t("result", { shipped: result.shipped, refused: result.refused })}
          </p>
          <table className="w-full text-left text-sm" aria-label={t("resultsTable")}>
            <thead className="text-xs uppercase text-slate-500">
              <tr>
                <th className="py-1 pr-3">{t("order")}</th>
                <th className="py-1">{t("outcome")}</th>
              </tr>
            </thead>
            <tbody>
              {result.results.map((r) => (
                <tr key={r.orderId} className="border-t border-slate-100">
                  <td className="py-1 pr-3">
                    <OrderNoLink id={r.orderId} orderNo={orderNo.get(r.orderId) ?? r.orderId} />
                  </td>
                  <td className="py-1">
                    {r.outcome === "shipped" ? (
                      <span className="text-emerald-700">
                        {t("shipped")} · <TrackingNoLink id={r.shipmentId} trackingNo={r.trackingNo} />
                      </span>
                    ) : (
                      <span className="text-rose-700">{t("refused", { reason: (REASONS as readonly string[]).includes(r.code) ? t(`reasons.${r.code as (typeof REASONS)[number]}`) : t("reasons.other") })}</span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Card>
  );
}
