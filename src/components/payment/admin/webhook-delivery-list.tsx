import { getLocale, getTranslations } from "@/i18n/server";
import { formatDateTime } from "@/lib/dates";
import type { WebhookDeliveryView } from "@/trpc/payment-types";
import { Badge } from "@/components/ui/badge";
import { ResendDeliveryButton } from "./resend-delivery-button";

/** Webhook deliveries with every attempt (status code, latency, error) and a resend action. */
export async function WebhookDeliveryList({ deliveries }: { deliveries: WebhookDeliveryView[] }) {
  const [t, locale] = await Promise.all([getTranslations("payment"), getLocale()]);
  if (deliveries.length === 0) return <p className="text-sm text-slate-500">{t("admin.detail.noDeliveries")}</p>;
  return (
    <ul className="space-y-3">
      {deliveries.map((d) => (
        <li key={d.id} className="rounded-md border border-slate-200 p-3 text-sm">
          <div className="flex flex-wrap items-center justify-between gap-2">
            <span>
              <span className="font-mono">{d.eventType}</span> → <span className="break-all text-slate-600">{d.url}</span>
            </span>
            <span className="flex items-center gap-2">
              <Badge tone={d.status === "delivered" ? "success" : d.status === "failed" ? "danger" : "warning"}>{d.status}</Badge>
              <ResendDeliveryButton deliveryId={d.id} />
            </span>
          </div>
          <p className="mt-1 text-xs text-slate-500">
            {t("admin.detail.deliveryAttempts", { count: d.attempts })} · {formatDateTime(d.createdAt, locale)}
          </p>
          {d.attemptLog.length > 0 && (
            <ol className="mt-2 space-y-0.5 text-xs text-slate-600">
              {d.attemptLog.map((a) => (
                <li key={a.attemptNo}>
                  {t("admin.detail.attemptLine", { attemptNo: a.attemptNo, result: a.statusCode ? `HTTP ${a.statusCode}` : (a.error ?? "—"), latencyMs: a.latencyMs })}
                </li>
              ))}
            </ol>
          )}
        </li>
      ))}
    </ul>
  );
}
