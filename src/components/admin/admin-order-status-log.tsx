import { RequestIdLink } from "@/components/admin/request-id-link";
import { OrderSection } from "@/components/shop/order-section";
import { getLocale, getTranslations } from "@/i18n/server";
import { getStatusLogLabels } from "@/i18n/status-labels";
import { formatDateTime } from "@/lib/dates";
import type { AdminOrderView } from "@/trpc/types";

type LogRow = AdminOrderView["statusLog"][number];

/** The full status log for admins: every change with its actor, reason and request id (for log lookups). */
export async function AdminOrderStatusLog({ log }: { log: LogRow[] }) {
  const [t, { status, actor }, locale] = await Promise.all([getTranslations("admin.orderDetail"), getStatusLogLabels(), getLocale()]);
  const none = t("none");
  const th = "px-3 py-2 font-medium";
  return (
    <OrderSection id="admin-order-log" title={t("logTitle")}>
      <div className="overflow-x-auto">
        <table className="w-full text-sm" aria-label={t("logTitle")}>
          <thead className="text-left text-xs uppercase text-slate-500">
            <tr>
              <th scope="col" className={th}>{t("log.time")}</th>
              <th scope="col" className={th}>{t("log.change")}</th>
              <th scope="col" className={th}>{t("log.actor")}</th>
              <th scope="col" className={th}>{t("log.reason")}</th>
              <th scope="col" className={th}>{t("log.requestId")}</th>
            </tr>
          </thead>
          <tbody>
            {log.map((entry) => (
              <tr key={entry.id} className="border-t border-slate-100 align-top">
                <td className="px-3 py-2 whitespace-nowrap">{formatDateTime(entry.createdAt, locale)}</td>
                <td className="px-3 py-2">
                  {entry.fromStatus ? `${status(entry.fromStatus)} → ${status(entry.toStatus)}` : t("log.placed", { to: status(entry.toStatus) })}
                </td>
                <td className="px-3 py-2">
                  {actor(entry.actor)}
                  {entry.actorId && <span className="block font-mono text-xs text-slate-500">{entry.actorId}</span>}
                </td>
                <td className="px-3 py-2">{entry.reason ?? none}</td>
                <td className="px-3 py-2 text-xs">{entry.requestId ? <RequestIdLink requestId={entry.requestId} /> : none}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </OrderSection>
  );
}
