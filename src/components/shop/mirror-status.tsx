"use client";

import { useTranslations } from "use-intl";

/**
 * A payment or logistics mirror status (orders.payment_status / logistics_status). Known values
 * are translated from common.paymentStatus / common.logisticsStatus; a value a module has not
 * labelled yet is shown as its code, so nothing breaks when a module adds a status.
 */
export function MirrorStatus({ kind, value }: { kind: "paymentStatus" | "logisticsStatus"; value: string }) {
  const t = useTranslations("common");
  const key = `${kind}.${value}` as Parameters<typeof t>[0];
  return <span className="whitespace-nowrap">{t.has(key) ? t(key) : value.replaceAll("_", " ")}</span>;
}
