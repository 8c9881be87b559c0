"use client";

import { useTranslations } from "use-intl";
import { SHIPMENT_STATUS_NAMES, type ShipmentStatusName } from "@/components/logistics/types";

/**
 * The shipment state an order mirrors (orders.logistics_status), named from the one catalog
 * entry every page uses for that state (logistics.status): "none" (no shipment row yet) and
 * "created" (a shipment not yet handed over) are the same state for a person, "not shipped yet".
 */
export function shipmentStateOf(logisticsStatus: string): ShipmentStatusName | null {
  if (logisticsStatus === "none") return "created";
  return (SHIPMENT_STATUS_NAMES as readonly string[]).includes(logisticsStatus) ? (logisticsStatus as ShipmentStatusName) : null;
}

/**
 * A payment or logistics mirror status (orders.payment_status / logistics_status). Payment
 * values are translated from common.paymentStatus, logistics values from logistics.status; a
 * value a module has not labelled yet is shown as its code, so nothing breaks when a module adds one.
 */
export function MirrorStatus({ kind, value }: { kind: "paymentStatus" | "logisticsStatus"; value: string }) {
  const t = useTranslations("common");
  const tl = useTranslations("logistics.status");
  if (kind === "logisticsStatus") {
    const state = shipmentStateOf(value);
    return <span className="whitespace-nowrap">{state ? tl(state) : value.replaceAll("_", " ")}</span>;
  }
  const key = `${kind}.${value}` as Parameters<typeof t>[0];
  return <span className="whitespace-nowrap">{t.has(key) ? t(key) : value.replaceAll("_", " ")}</span>;
}
