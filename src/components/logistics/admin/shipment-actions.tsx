"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useTranslations } from "use-intl";
import { useErrorText } from "@/components/forms/error-text";
import { Button } from "@/components/ui/button";
import { SelectField, TextField } from "@/components/ui/field";
import { useTRPC } from "@/trpc/client";
import type { ShipmentStatusName } from "../types";

type Props = {
  shipmentId: string;
  orderId: string;
  /** The status recorded on the shipment (what actions check against). */
  status: ShipmentStatusName;
  hasCourier: boolean;
  couriers: { id: string; name: string; district: string | null }[];
};

/** The admin simulation actions, each offered only when the shipment's status allows it. */
export function ShipmentActions({ shipmentId, orderId, status, hasCourier, couriers }: Props) {
  const t = useTranslations("logistics.admin.detail");
  const trpc = useTRPC();
  const router = useRouter();
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const errorText = useErrorText();
  const options = {
    onSuccess: () => {
      setMessage({ ok: true, text: t("done") });
      router.refresh();
    },
    onError: (error: unknown) => setMessage({ ok: false, text: t("failed", { message: errorText.refusal(error) }) }),
  };
  const ship = useMutation(trpc.adminLogistics.ship.mutationOptions(options));
  const advance = useMutation(trpc.adminLogistics.advance.mutationOptions(options));
  const deliver = useMutation(trpc.adminLogistics.markDelivered.mutationOptions(options));
  const fail = useMutation(trpc.adminLogistics.failedAttempt.mutationOptions(options));
  const raise = useMutation(trpc.adminLogistics.raiseException.mutationOptions(options));
  const resolve = useMutation(trpc.adminLogistics.resolveException.mutationOptions(options));
  const assign = useMutation(trpc.adminLogistics.assignCourier.mutationOptions(options));
  const busy = [ship, advance, deliver, fail, raise, resolve, assign].some((m) => m.isPending);
  const moving = ["picked_up", "in_transit", "out_for_delivery", "delivery_attempt_failed"].includes(status);
  const terminal = ["delivered", "returned_to_sender", "lost", "cancelled"].includes(status);
  const form = (fn: (data: FormData) => void) => (event: React.FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setMessage(null);
    fn(new FormData(event.currentTarget));
  };

  return (
    <div className="space-y-4">
      {message && (
        <p role={message.ok ? "status" : "alert"} className={message.ok ? "text-sm text-emerald-700" : "text-sm text-rose-700"}>
          {message.text}
        </p>
      )}
      <div className="flex flex-wrap gap-2">
        {status === "created" && (
          <Button type="button" disabled={busy} onClick={() => ship.mutate({ orderId })}>
            {t("ship")}
          </Button>
        )}
        {moving && (
          <Button type="button" variant="secondary" disabled={busy} onClick={() => advance.mutate({ id: shipmentId })}>
            {t("advance")}
          </Button>
        )}
      </div>

      {moving && (
        <form onSubmit={form((d) => deliver.mutate({ id: shipmentId, signer: String(d.get("signer") ?? "") }))} className="flex flex-wrap items-end gap-2">
          <TextField name="signer" label={t("signer")} defaultValue={t("signerDefault")} required maxLength={40} error={errorText.of(deliver.error, "signer")} />
          <Button type="submit" variant="secondary" disabled={busy}>
            {t("markDelivered")}
          </Button>
        </form>
      )}

      {status === "out_for_delivery" && (
        <form onSubmit={form((d) => fail.mutate({ id: shipmentId, note: String(d.get("note") ?? "") || undefined }))} className="flex flex-wrap items-end gap-2">
          <TextField name="note" label={t("failedNote")} maxLength={200} />
          <Button type="submit" variant="secondary" disabled={busy}>
            {t("failedAttempt")}
          </Button>
        </form>
      )}

      {!terminal && status !== "exception" && (
        <form
          onSubmit={form((d) =>
            raise.mutate({ id: shipmentId, kind: String(d.get("kind")) as "address" | "lost" | "damaged" | "other", note: String(d.get("note") ?? "") }),
          )}
          className="grid gap-2"
        >
          <SelectField name="kind" label={t("exceptionKind")} defaultValue="address">
            {(["address", "lost", "damaged", "other"] as const).map((k) => (
              <option key={k} value={k}>
                {t(`exceptionKinds.${k}`)}
              </option>
            ))}
          </SelectField>
          <TextField name="note" label={t("exceptionNote")} required maxLength={200} error={errorText.of(raise.error, "note")} />
          <Button type="submit" variant="danger" className="justify-self-start" disabled={busy}>
            {t("raise")}
          </Button>
        </form>
      )}

      {status === "exception" && (
        <form
          onSubmit={form((d) =>
            resolve.mutate({ id: shipmentId, resolution: String(d.get("resolution")) as "resume" | "return_to_sender" | "lost", note: String(d.get("note") ?? "") || undefined }),
          )}
          className="grid gap-2"
        >
          <SelectField name="resolution" label={t("resolution")} defaultValue="resume">
            {(["resume", "return_to_sender", "lost"] as const).map((r) => (
              <option key={r} value={r}>
                {t(`resolutions.${r}`)}
              </option>
            ))}
          </SelectField>
          <TextField name="note" label={t("exceptionNote")} maxLength={200} />
          <Button type="submit" className="justify-self-start" disabled={busy}>
            {t("resolve")}
          </Button>
        </form>
      )}

      {!terminal && (
        <form onSubmit={form((d) => assign.mutate({ id: shipmentId, courierId: String(d.get("courierId") ?? "") || undefined }))} className="flex flex-wrap items-end gap-2">
          <SelectField name="courierId" label={t("courierId")} defaultValue="">
            <option value="">{t("assignAuto")}</option>
            {couriers.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
                {c.district ? ` · ${c.district}` : ""}
              </option>
            ))}
          </SelectField>
          <Button type="submit" variant={hasCourier ? "ghost" : "secondary"} disabled={busy}>
            {t("assign")}
          </Button>
        </form>
      )}
    </div>
  );
}
