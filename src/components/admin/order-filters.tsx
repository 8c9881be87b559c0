import Link from "next/link";
import { ORDER_STATUS_OPTIONS } from "@/components/shop/order-status";
import { buttonClass } from "@/components/ui/button";
import { getTranslations } from "@/i18n/server";

export type AdminOrderFilterValues = { status?: string; from?: string; to?: string; orderNo?: string; shopper?: string };

/** The admin order filters as a plain GET form, so every filtered view is a shareable URL. */
export async function AdminOrderFilters({ values }: { values: AdminOrderFilterValues }) {
  const [t, ts] = await Promise.all([getTranslations("admin.orders"), getTranslations("common.orderStatus")]);
  const input = "w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm";
  const label = "mb-1 block text-sm font-medium text-slate-700";
  return (
    <form action="/admin/orders" aria-label={t("filters")} className="grid gap-3 rounded-lg border border-slate-200 bg-white p-4 shadow-sm sm:grid-cols-2 lg:grid-cols-6">
      <label className="lg:col-span-2">
        <span className={label}>{t("orderNo")}</span>
        <input name="orderNo" defaultValue={values.orderNo ?? ""} className={input} maxLength={40} autoComplete="off" />
      </label>
      <label className="lg:col-span-2">
        <span className={label}>{t("shopper")}</span>
        <input name="shopper" defaultValue={values.shopper ?? ""} className={input} maxLength={100} autoComplete="off" />
      </label>
      <label className="lg:col-span-2">
        <span className={label}>{t("status")}</span>
        <select name="status" defaultValue={values.status ?? ""} className={input}>
          <option value="">{t("allStatuses")}</option>
          {ORDER_STATUS_OPTIONS.map((s) => (
            <option key={s} value={s}>
              {ts(s)}
            </option>
          ))}
        </select>
      </label>
      <label className="lg:col-span-2">
        <span className={label}>{t("from")}</span>
        <input type="date" name="from" defaultValue={values.from ?? ""} className={input} />
      </label>
      <label className="lg:col-span-2">
        <span className={label}>{t("to")}</span>
        <input type="date" name="to" defaultValue={values.to ?? ""} className={input} />
      </label>
      <div className="flex items-end gap-2 lg:col-span-2">
        <button type="submit" className={buttonClass("primary")}>
          {t("apply")}
        </button>
        <Link href="/admin/orders" className={buttonClass("secondary")}>
          {t("reset")}
        </Link>
      </div>
    </form>
  );
}
