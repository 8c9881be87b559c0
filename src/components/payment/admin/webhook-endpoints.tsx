"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { fieldIssuesOf, useErrorText } from "@/components/forms/error-text";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { TextField } from "@/components/ui/field";
import { LoadingState } from "@/components/ui/states";
import { useTRPC } from "@/trpc/client";
import { paymentErrorData, type WebhookEndpointView } from "@/trpc/payment-types";
import { usePaymentText } from "../payment-text";

const EVENT_TYPES = [
  "payment.created",
  "payment.succeeded",
  "payment.failed",
  "payment.cancelled",
  "payment.expired",
  "payment.partially_refunded",
  "payment.refunded",
  "refund.requested",
  "refund.approved",
  "refund.rejected",
  "refund.succeeded",
  "refund.failed",
] as const;
type EventType = (typeof EVENT_TYPES)[number];

function Deliveries({ endpointId }: { endpointId: string }) {
  const { t, errorMessage } = usePaymentText();
  const trpc = useTRPC();
  const list = useQuery(trpc.adminPayment.webhooks.deliveries.queryOptions({ endpointId }));
  const resend = useMutation(trpc.adminPayment.webhooks.resend.mutationOptions({ onSuccess: () => list.refetch() }));
  if (list.isPending) return <LoadingState label={t("section.loading")} />;
  if (list.isError) return <p role="alert">{errorMessage(list.error)}</p>;
  if (list.data.length === 0) return <p className="text-xs text-slate-500">{t("admin.detail.noDeliveries")}</p>;
  return (
    <ul className="space-y-1 text-xs">
      {list.data.slice(0, 10).map((d) => (
        <li key={d.id} className="flex flex-wrap items-center gap-2">
          <span className="font-mono">{d.eventType}</span>
          <Badge tone={d.status === "delivered" ? "success" : d.status === "failed" ? "danger" : "warning"}>{d.status}</Badge>
          <span className="text-slate-500">
            {t("admin.detail.deliveryAttempts", { count: d.attempts })}
            {d.lastStatusCode ? ` · HTTP ${d.lastStatusCode}` : d.lastError ? ` · ${d.lastError}` : ""}
          </span>
          <button type="button" className="text-brand-700 underline" onClick={() => resend.mutate({ deliveryId: d.id })} disabled={resend.isPending}>
            {t("admin.detail.resend")}
          </button>
        </li>
      ))}
    </ul>
  );
}

function EndpointRow({ endpoint, onChanged }: { endpoint: WebhookEndpointView; onChanged: () => void }) {
  const { t, errorMessage } = usePaymentText();
  const trpc = useTRPC();
  const update = useMutation(trpc.adminPayment.webhooks.update.mutationOptions({ onSuccess: onChanged }));
  const remove = useMutation(trpc.adminPayment.webhooks.remove.mutationOptions({ onSuccess: onChanged }));
  const [open, setOpen] = useState(false);
  const error = update.error ?? remove.error;
  return (
    <li className="space-y-2 rounded-md border border-slate-200 p-3 text-sm">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <span className="break-all font-mono">{endpoint.url}</span>
        <span className="flex items-center gap-2">
          {!endpoint.enabled && <Badge>{t("admin.settings.disabled")}</Badge>}
          <Button variant="secondary" className="px-2 py-1 text-xs" onClick={() => update.mutate({ id: endpoint.id, input: { enabled: !endpoint.enabled } })}>
            {endpoint.enabled ? t("admin.settings.disable") : t("admin.settings.enable")}
          </Button>
          <Button variant="danger" className="px-2 py-1 text-xs" onClick={() => remove.mutate({ id: endpoint.id })}>
            {t("admin.settings.remove")}
          </Button>
        </span>
      </div>
      {endpoint.description && <p className="text-slate-600">{endpoint.description}</p>}
      <p className="text-xs text-slate-500">
        {endpoint.events.length === 0 ? t("admin.settings.allEvents") : endpoint.events.join(", ")} · {t("admin.settings.secret", { hint: endpoint.secretHint })}
      </p>
      <p className="text-xs text-slate-500">{t("admin.settings.deliveryCounts", endpoint.deliveries)}</p>
      {error && (
        <p role="alert" className="text-xs text-rose-700">
          {errorMessage(error)}
        </p>
      )}
      <button type="button" className="text-xs text-brand-700 underline" aria-expanded={open} onClick={() => setOpen((v) => !v)}>
        {t("admin.settings.deliveries")}
      </button>
      {open && <Deliveries endpointId={endpoint.id} />}
    </li>
  );
}

/** Admin → Settings → Payments: merchant webhook endpoints (register, enable/disable, remove, deliveries with resend). */
export function WebhookEndpoints() {
  const { t, errorMessage } = usePaymentText();
  const errorText = useErrorText();
  const trpc = useTRPC();
  const list = useQuery(trpc.adminPayment.webhooks.list.queryOptions());
  const create = useMutation(trpc.adminPayment.webhooks.create.mutationOptions());
  const [url, setUrl] = useState("");
  const [description, setDescription] = useState("");
  const [events, setEvents] = useState<EventType[]>([]);
  const [errors, setErrors] = useState<{ url?: string; form?: string }>({});
  const [secret, setSecret] = useState<string | null>(null);

  async function onCreate(event: React.FormEvent) {
    event.preventDefault();
    setErrors({});
    setSecret(null);
    try {
      const created = await create.mutateAsync({ url: url.trim(), description: description.trim() || undefined, events });
      setSecret(created.secret);
      setUrl("");
      setDescription("");
      setEvents([]);
      await list.refetch();
    } catch (cause) {
      const { domainCode } = paymentErrorData(cause);
      // A refused address comes with a code: show it on the field in the reader's language.
      if (domainCode === "WEBHOOK_URL_BLOCKED" || domainCode === "WEBHOOK_URL_INVALID") setErrors({ url: errorMessage(cause) });
      else setErrors(fieldIssuesOf(cause)?.url ? { url: errorText.of(cause, "url") } : { form: errorMessage(cause) });
    }
  }

  return (
    <Card aria-labelledby="webhooks-title" className="space-y-4">
      <h2 id="webhooks-title" className="font-medium">
        {t("admin.settings.webhooks")}
      </h2>
      <p className="text-xs text-slate-500">{t("admin.settings.webhooksHint")}</p>
      {list.isPending ? (
        <LoadingState label={t("section.loading")} />
      ) : list.isError ? (
        <p role="alert">{errorMessage(list.error)}</p>
      ) : list.data.length === 0 ? (
        <p className="text-sm text-slate-500">{t("admin.settings.noEndpoints")}</p>
      ) : (
        <ul className="space-y-3">
          {list.data.map((e) => (
            <EndpointRow key={e.id} endpoint={e} onChanged={() => list.refetch()} />
          ))}
        </ul>
      )}
      {secret && (
        <p role="status" className="break-all rounded-md bg-amber-50 p-3 text-sm text-amber-900">
          {t("admin.settings.secretOnce", { secret })}
        </p>
      )}
      <form onSubmit={onCreate} className="space-y-3 border-t border-slate-200 pt-4" noValidate>
        <TextField label={t("admin.settings.url")} type="url" value={url} onChange={(e) => setUrl(e.target.value)} error={errors.url} placeholder="https://example.com/webhooks/shopflow" />
        <TextField label={t("admin.settings.description")} value={description} maxLength={200} onChange={(e) => setDescription(e.target.value)} />
        <fieldset>
          <legend className="mb-1 text-sm font-medium text-slate-700">{t("admin.settings.events")}</legend>
          <p className="mb-1 text-xs text-slate-500">{t("admin.settings.allEventsHint")}</p>
          <div className="grid grid-cols-2 gap-1 text-xs md:grid-cols-3">
            {EVENT_TYPES.map((type) => (
              <label key={type} className="flex items-center gap-1">
                <input
                  type="checkbox"
                  checked={events.includes(type)}
                  onChange={(e) => setEvents((current) => (e.target.checked ? [...current, type] : current.filter((x) => x !== type)))}
                />
                <span className="font-mono">{type}</span>
              </label>
            ))}
          </div>
        </fieldset>
        {errors.form && (
          <p role="alert" className="text-sm text-rose-700">
            {errors.form}
          </p>
        )}
        <Button type="submit" disabled={create.isPending}>
          {t("admin.settings.addEndpoint")}
        </Button>
      </form>
    </Card>
  );
}
