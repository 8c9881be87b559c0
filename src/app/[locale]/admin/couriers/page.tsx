import Link from "next/link";
import { FilterForm, FilterInput, FilterSelect } from "@/components/admin/filter-form";
import { CourierStatusButton } from "@/components/logistics/admin/courier-status-button";
import { Pagination } from "@/components/ui/pagination";
import { Badge } from "@/components/ui/badge";
import { buttonClass } from "@/components/ui/button";
import { DataTable } from "@/components/ui/data-table";
import { getLocale, getTranslations } from "@/i18n/server";
import { firstParams, pageParam, type RawSearchParams } from "@/lib/search-params";
import { api } from "@/trpc/server";

export async function generateMetadata() {
  const t = await getTranslations("logistics");
  return { title: t("admin.couriers.title") };
}

type Params = { carrier?: string; city?: string; status?: string; q?: string; page?: string };

/** Admin Couriers: the fleet with carrier, area, load and duty status; filters and server-side pagination. */
export default async function AdminCouriersPage({ searchParams }: { searchParams: Promise<RawSearchParams> }) {
  const [params, t, tc, locale, caller] = await Promise.all([searchParams.then((raw): Params => firstParams(raw, 40)), getTranslations("logistics"), getTranslations("common"), getLocale(), api()]);
  const page = pageParam(params.page, 10_000);
  const status = params.status === "active" || params.status === "off_duty" ? params.status : undefined;
  const carriers = await caller.adminCarriers.list();
  const carrier = carriers.find((c) => c.id === params.carrier);
  const result = await caller.adminCarriers.couriers({ page, pageSize: 25, carrierId: carrier?.id, city: params.city || undefined, status, q: params.q || undefined });
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-semibold">{t("admin.couriers.title")}</h1>
        <Link href="/admin/couriers/new" className={buttonClass()}>
          {t("admin.couriers.new")}
        </Link>
      </div>
      <FilterForm label={t("admin.couriers.filters")} action="/admin/couriers" className="sm:grid-cols-2 lg:grid-cols-5">
        <FilterSelect
          label={t("admin.couriers.fields.carrier")}
          name="carrier"
          defaultValue={carrier?.id}
          anyLabel={t("admin.shipments.any")}
          options={carriers.map((c) => ({ value: c.id, label: locale === "zh-CN" ? c.nameZh : c.nameEn }))}
        />
        <FilterInput label={t("admin.couriers.fields.city")} name="city" defaultValue={params.city} />
        <FilterSelect
          label={t("admin.couriers.fields.status")}
          name="status"
          defaultValue={status}
          anyLabel={t("admin.shipments.any")}
          options={(["active", "off_duty"] as const).map((s) => ({ value: s, label: t(`admin.couriers.statuses.${s}`) }))}
        />
        <FilterInput label={t("admin.couriers.search")} name="q" type="search" defaultValue={params.q} />
      </FilterForm>
      <DataTable
        label={t("admin.couriers.title")}
        rows={result.items}
        rowKey={(c) => c.id}
        empty={t("admin.couriers.empty")}
        columns={[
          { id: "name", header: t("admin.couriers.columns.name"), cell: (c) => c.name },
          { id: "phone", header: t("admin.couriers.columns.phone"), className: "font-mono text-xs", cell: (c) => c.phone },
          { id: "carrier", header: t("admin.couriers.columns.carrier"), cell: (c) => (locale === "zh-CN" ? c.carrierNameZh : c.carrierNameEn) },
          { id: "area", header: t("admin.couriers.columns.area"), cell: (c) => `${c.province} ${c.city} ${c.district ?? t("admin.couriers.wholeCity")}` },
          { id: "load", header: t("admin.couriers.columns.load"), align: "right", cell: (c) => c.currentLoad },
          {
            id: "status",
            header: t("admin.couriers.columns.status"),
            cell: (c) => <Badge tone={c.status === "active" ? "success" : "neutral"}>{t(`admin.couriers.statuses.${c.status}`)}</Badge>,
          },
          {
            id: "actions",
            header: t("admin.couriers.columns.actions"),
            className: "space-x-2 whitespace-nowrap",
            cell: (c) => (
              <>
                <Link href={`/admin/couriers/${c.id}`} className="text-brand-700 hover:underline">
                  {tc("actions.edit")}
                </Link>
                <CourierStatusButton id={c.id} name={c.name} status={c.status} />
              </>
            ),
          },
        ]}
      />
      <Pagination
        page={page}
        pageSize={result.pageSize}
        total={result.total}
        basePath="/admin/couriers"
        params={{ carrier: params.carrier, city: params.city, status, q: params.q }}
      />
    </div>
  );
}
