import Link from "next/link";
import { CourierStatusButton } from "@/components/logistics/admin/courier-status-button";
import { Pagination } from "@/components/shop/pagination";
import { Badge } from "@/components/ui/badge";
import { buttonClass } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/states";
import { getLocale, getTranslations } from "@/i18n/server";
import { api } from "@/trpc/server";

export async function generateMetadata() {
  const t = await getTranslations("logistics");
  return { title: t("admin.couriers.title") };
}

type Params = { carrier?: string; city?: string; status?: string; q?: string; page?: string };

/** Admin Couriers: the fleet with carrier, area, load and duty status; filters and server-side pagination. */
export default async function AdminCouriersPage({ searchParams }: { searchParams: Promise<Params> }) {
  const [params, t, tc, locale, caller] = await Promise.all([searchParams, getTranslations("logistics"), getTranslations("common"), getLocale(), api()]);
  const page = Math.max(1, Number(params.page) || 1);
  const status = params.status === "active" || params.status === "off_duty" ? params.status : undefined;
  const carriers = await caller.adminCarriers.list();
  const carrier = carriers.find((c) => c.id === params.carrier);
  const result = await caller.adminCarriers.couriers({ page, pageSize: 25, carrierId: carrier?.id, city: params.city || undefined, status, q: params.q || undefined });
  const field = "w-full rounded-md border border-slate-300 px-3 py-2 text-sm";
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-semibold">{t("admin.couriers.title")}</h1>
        <Link href="/admin/couriers/new" className={buttonClass()}>
          {t("admin.couriers.new")}
        </Link>
      </div>
      <form aria-label={t("admin.couriers.filters")} action="/admin/couriers" className="grid gap-3 rounded-lg border border-slate-200 bg-white p-4 sm:grid-cols-2 lg:grid-cols-5">
        <label className="text-sm">
          <span className="mb-1 block font-medium text-slate-700">{t("admin.couriers.fields.carrier")}</span>
          <select name="carrier" defaultValue={carrier?.id ?? ""} className={field}>
            <option value="">{t("admin.shipments.any")}</option>
            {carriers.map((c) => (
              <option key={c.id} value={c.id}>
                {locale === "zh-CN" ? c.nameZh : c.nameEn}
              </option>
            ))}
          </select>
        </label>
        <label className="text-sm">
          <span className="mb-1 block font-medium text-slate-700">{t("admin.couriers.fields.city")}</span>
          <input name="city" defaultValue={params.city ?? ""} className={field} />
        </label>
        <label className="text-sm">
          <span className="mb-1 block font-medium text-slate-700">{t("admin.couriers.fields.status")}</span>
          <select name="status" defaultValue={status ?? ""} className={field}>
            <option value="">{t("admin.shipments.any")}</option>
            <option value="active">{t("admin.couriers.statuses.active")}</option>
            <option value="off_duty">{t("admin.couriers.statuses.off_duty")}</option>
          </select>
        </label>
        <label className="text-sm">
          <span className="mb-1 block font-medium text-slate-700">{t("admin.couriers.search")}</span>
          <input name="q" type="search" defaultValue={params.q ?? ""} className={field} />
        </label>
        <div className="flex items-end gap-2">
          <button type="submit" className={buttonClass()}>
            {t("admin.shipments.apply")}
          </button>
          <Link href="/admin/couriers" className={buttonClass("ghost")}>
            {t("admin.shipments.reset")}
          </Link>
        </div>
      </form>
      {result.items.length === 0 ? (
        <EmptyState title={t("admin.couriers.empty")} />
      ) : (
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className="w-full text-left text-sm" aria-label={t("admin.couriers.title")}>
            <thead className="bg-slate-50 text-xs uppercase text-slate-500">
              <tr>
                {(["name", "phone", "carrier", "area", "load", "status", "actions"] as const).map((c) => (
                  <th key={c} className="px-3 py-2">
                    {t(`admin.couriers.columns.${c}`)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {result.items.map((c) => (
                <tr key={c.id} className="border-t border-slate-100">
                  <td className="px-3 py-2">{c.name}</td>
                  <td className="px-3 py-2 font-mono text-xs">{c.phone}</td>
                  <td className="px-3 py-2">{locale === "zh-CN" ? c.carrierNameZh : c.carrierNameEn}</td>
                  <td className="px-3 py-2">
                    {c.province} {c.city} {c.district ?? t("admin.couriers.wholeCity")}
                  </td>
                  <td className="px-3 py-2">{c.currentLoad}</td>
                  <td className="px-3 py-2">
                    <Badge tone={c.status === "active" ? "success" : "neutral"}>{t(`admin.couriers.statuses.${c.status}`)}</Badge>
                  </td>
                  <td className="space-x-2 whitespace-nowrap px-3 py-2">
                    <Link href={`/admin/couriers/${c.id}`} className="text-brand-700 hover:underline">
                      {tc("actions.edit")}
                    </Link>
                    <CourierStatusButton id={c.id} name={c.name} status={c.status} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pagination
        page={page}
        pageSize={result.pageSize}
        total={result.total}
        basePath="/admin/couriers"
        params={{ carrier: params.carrier, city: params.city, status, q: params.q }}
        labels={{
          nav: tc("pagination.label"),
          previous: tc("pagination.previous"),
          next: tc("pagination.next"),
          pageOf: tc("pagination.pageOf", { page, pages: Math.max(1, Math.ceil(result.total / result.pageSize)) }),
        }}
      />
    </div>
  );
}
