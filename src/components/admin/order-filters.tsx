"use client";

import { useTranslations } from "use-intl";
import { FilterForm, FilterInput, FilterSelect } from "@/components/admin/filter-form";
import { ORDER_STATUS_OPTIONS } from "@/components/shop/order-status";

export type AdminOrderFilterValues = { status?: string; from?: string; to?: string; orderNo?: string; shopper?: string };

/** The admin order filters as a plain GET form, so every filtered view is a shareable URL. */
export function AdminOrderFilters({ values }: { values: AdminOrderFilterValues }) {
  const t = useTranslations("admin.orders");
  const ts = useTranslations("common.orderStatus");
  return (
    <FilterForm label={t("filters")} action="/admin/orders" className="sm:grid-cols-2 lg:grid-cols-3">
      <FilterInput label={t("orderNo")} name="orderNo" defaultValue={values.orderNo} />
      <FilterInput label={t("shopper")} name="shopper" defaultValue={values.shopper} />
      <FilterSelect
        label={t("status")}
        name="status"
        defaultValue={values.status}
        anyLabel={t("allStatuses")}
        options={ORDER_STATUS_OPTIONS.map((s) => ({ value: s, label: ts(s) }))}
      />
      <FilterInput label={t("from")} name="from" type="date" defaultValue={values.from} />
      <FilterInput label={t("to")} name="to" type="date" defaultValue={values.to} />
    </FilterForm>
  );
}
