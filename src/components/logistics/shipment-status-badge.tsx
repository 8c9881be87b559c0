"use client";

import { useTranslations } from "use-intl";
import { Badge } from "@/components/ui/badge";
import type { ShipmentStatusName } from "./types";

const TONE: Record<ShipmentStatusName, "neutral" | "info" | "success" | "warning" | "danger"> = {
  created: "neutral",
  picked_up: "info",
  in_transit: "info",
  out_for_delivery: "info",
  delivery_attempt_failed: "warning",
  delivered: "success",
  exception: "danger",
  returned_to_sender: "warning",
  lost: "danger",
  cancelled: "neutral",
};

/** A shipment status as a coloured badge, in the page's language. */
export function ShipmentStatusBadge({ status }: { status: ShipmentStatusName }) {
  const t = useTranslations("logistics.status");
  return <Badge tone={TONE[status]}>{t(status)}</Badge>;
}
