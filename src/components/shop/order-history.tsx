import { getLocale, getTranslations } from "@/i18n/server";
import { getStatusLogLabels } from "@/i18n/status-labels";
import { formatDateTime } from "@/lib/dates";
import type { ShopperOrderView } from "@/trpc/types";
import { OrderSection } from "./order-section";

type Entry = ShopperOrderView["history"][number];

/** Every status change of the order, oldest first: from → to, who did it and when. */
export async function OrderHistory({ history }: { history: Entry[] }) {
  const [t, { status, actor }, locale] = await Promise.all([getTranslations("shop.order"), getStatusLogLabels(), getLocale()]);
  return (
    <OrderSection id="order-history" title={t("historyTitle")}>
      <ol className="space-y-3 border-l-2 border-slate-200 pl-4 text-sm">
        {history.map((entry, index) => (
          <li key={index} className="relative">
            <span className="absolute -left-[1.4rem] top-1.5 h-2.5 w-2.5 rounded-full bg-brand-500" aria-hidden />
            <p className="font-medium">
              {entry.fromStatus ? t("historyMove", { from: status(entry.fromStatus), to: status(entry.toStatus) }) : t("historyPlaced")}
            </p>
            <p className="text-slate-500">
              <time dateTime={entry.createdAt.toISOString()}>{formatDateTime(entry.createdAt, locale)}</time> · {t("historyBy", { actor: actor(entry.actor) })}
            </p>
          </li>
        ))}
      </ol>
    </OrderSection>
  );
}
