"use client";

import { useLocale, useTranslations } from "use-intl";
import { formatDateTime } from "@/lib/dates";
import { formatMoney } from "@/lib/money";
import type { RouterOutputs, ShopperOrderView } from "@/trpc/types";
import { OrderSection } from "./order-section";

type Entry = ShopperOrderView["history"][number];
type Refund = RouterOutputs["payment"]["forOrder"]["refunds"][number];
type Line = { at: Date; text: string; by?: string };

/**
 * Labels for order status-log rows. The log stores plain text, so a status or actor added later
 * (or a row written by an older version) is shown as stored instead of failing.
 */
function useStatusLogLabels() {
  const ts = useTranslations("common.orderStatus");
  const ta = useTranslations("common.actor");
  return {
    status: (value: string) => (ts.has(value as Parameters<typeof ts>[0]) ? ts(value as Parameters<typeof ts>[0]) : value),
    actor: (value: string) => (ta.has(value as Parameters<typeof ta>[0]) ? ta(value as Parameters<typeof ta>[0]) : value),
  };
}

/** What happened to a refund, as history lines: asked for, approved or declined, money back or failed. */
function refundLines(refund: Refund, t: ReturnType<typeof useTranslations<"shop.order">>, money: (minor: number) => string): Line[] {
  const params = { refundSn: refund.refundSn, amount: money(refund.amountMinor) };
  const lines: Line[] = [{ at: refund.createdAt, text: t("historyRefundOpened", params) }];
  if (refund.reviewedAt) lines.push({ at: refund.reviewedAt, text: refund.status === "rejected" ? t("historyRefundRejected", params) : t("historyRefundApproved", params) });
  if (refund.settledAt && refund.status === "succeeded") lines.push({ at: refund.settledAt, text: t("historyRefundSucceeded", params) });
  if (refund.settledAt && refund.status === "failed") lines.push({ at: refund.settledAt, text: t("historyRefundFailed", params) });
  return lines;
}

/** Every status change of the order and every step of its refunds, oldest first: what, who (for status changes) and when. */
export function OrderHistory({ history, refunds = [], currency }: { history: Entry[]; refunds?: Refund[]; currency: string }) {
  const t = useTranslations("shop.order");
  const { status, actor } = useStatusLogLabels();
  const locale = useLocale();
  const money = (minor: number) => formatMoney(minor, currency, locale);
  const lines: Line[] = [
    ...history.map((entry) => ({
      at: entry.createdAt,
      text: entry.fromStatus ? t("historyMove", { from: status(entry.fromStatus), to: status(entry.toStatus) }) : t("historyPlaced"),
      by: t("historyBy", { actor: actor(entry.actor) }),
    })),
    ...refunds.flatMap((refund) => refundLines(refund, t, money)),
  ].sort((a, b) => a.at.getTime() - b.at.getTime());
  return (
    <OrderSection id="order-history" title={t("historyTitle")}>
      <ol className="space-y-3 border-l-2 border-slate-200 pl-4 text-sm">
        {lines.map((line, index) => (
          <li key={index} className="relative">
            <span className="absolute -left-[1.4rem] top-1.5 h-2.5 w-2.5 rounded-full bg-brand-500" aria-hidden />
            <p className="font-medium">{line.text}</p>
            <p className="text-slate-500">
              <time dateTime={line.at.toISOString()}>{formatDateTime(line.at, locale)}</time>
              {line.by && ` · ${line.by}`}
            </p>
          </li>
        ))}
      </ol>
    </OrderSection>
  );
}
