"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useTranslations } from "use-intl";
import { useErrorText } from "@/components/forms/error-text";
import { Button } from "@/components/ui/button";
import { useTRPC } from "@/trpc/client";

/** Ships a paid order now (creates the shipment if needed and picks it up), then opens the shipment. */
export function ShipOrderButton({ orderId, orderNo }: { orderId: string; orderNo: string }) {
  const t = useTranslations("logistics.admin.shipments");
  const errorText = useErrorText();
  const trpc = useTRPC();
  const router = useRouter();
  const ship = useMutation(
    trpc.adminLogistics.ship.mutationOptions({
      onSuccess: (shipment) => router.push(`/admin/shipments/${shipment.id}`),
    }),
  );
  return (
    <div className="flex flex-col items-end gap-1">
      <Button type="button" variant="secondary" className="px-3 py-1" aria-label={t("shipOrder", { orderNo })} disabled={ship.isPending} onClick={() => ship.mutate({ orderId })}>
        {t("ship")}
      </Button>
      {ship.error && (
        <span role="alert" className="text-xs text-rose-600">
          {errorText.refusal(ship.error)}
        </span>
      )}
    </div>
  );
}
