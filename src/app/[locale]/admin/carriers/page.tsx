import Link from "next/link";
import { CarrierToggle } from "@/components/logistics/admin/carrier-toggle";
import { FeeCalculator } from "@/components/logistics/admin/fee-calculator";
import { Badge } from "@/components/ui/badge";
import { buttonClass } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/states";
import { getLocale, getTranslations } from "@/i18n/server";
import { api } from "@/trpc/server";

export async function generateMetadata() {
  const t = await getTranslations("logistics");
  return { title: t("admin.carriers.title") };
}

/** Admin Carriers: list, enable/disable, links to create and edit, and the fee calculator. */
export default async function AdminCarriersPage() {
  const [t, tc, locale, caller] = await Promise.all([getTranslations("logistics"), getTranslations("common"), getLocale(), api()]);
  const carriers = await caller.adminCarriers.list();
  const name = (c: { nameEn: string; nameZh: string }) => (locale === "zh-CN" ? c.nameZh : c.nameEn);
  const options = carriers
    .filter((c) => c.enabled)
    .flatMap((c) => c.serviceLevels.filter((l) => l.enabled).map((l) => ({ carrierCode: c.code, serviceLevel: l.code, label: `${name(c)} · ${name(l)}` })));
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-semibold">{t("admin.carriers.title")}</h1>
        <Link href="/admin/carriers/new" className={buttonClass()}>
          {t("admin.carriers.new")}
        </Link>
      </div>
      {carriers.length === 0 ? (
        <EmptyState title={t("admin.carriers.empty")} />
      ) : (
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className="w-full text-left text-sm" aria-label={t("admin.carriers.title")}>
            <thead className="bg-slate-50 text-xs uppercase text-slate-500">
              <tr>
                {(["code", "name", "format", "levels", "enabled", "actions"] as const).map((c) => (
                  <th key={c} className="px-3 py-2">
                    {t(`admin.carriers.columns.${c}`)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {carriers.map((c) => (
                <tr key={c.id} className="border-t border-slate-100 align-top">
                  <td className="px-3 py-2 font-mono">
                    <span aria-hidden className="mr-2 inline-block h-3 w-3 rounded-full align-middle" style={{ backgroundColor: c.logoColor }} />
                    {c.code}
                  </td>
                  <td className="px-3 py-2">{name(c)}</td>
                  <td className="px-3 py-2 font-mono text-xs">
                    {c.trackingPrefix}
                    {"#".repeat(c.trackingBodyLength)}✓{c.trackingSuffix} <span className="text-slate-500">({t(`admin.carriers.checks.${c.trackingCheck}`)})</span>
                  </td>
                  <td className="px-3 py-2">
                    <ul>
                      {c.serviceLevels.map((l) => (
                        <li key={l.id} className={l.enabled ? "" : "text-slate-400"}>
                          {name(l)} <span className="text-xs text-slate-500">({l.code})</span>
                        </li>
                      ))}
                    </ul>
                  </td>
                  <td className="px-3 py-2">
                    <Badge tone={c.enabled ? "success" : "neutral"}>{c.enabled ? t("admin.carriers.enabled") : t("admin.carriers.disabled")}</Badge>
                  </td>
                  <td className="space-x-2 whitespace-nowrap px-3 py-2">
                    <Link href={`/admin/carriers/${c.id}`} className="text-brand-700 hover:underline" aria-label={t("admin.carriers.edit", { code: c.code })}>
                      {tc("actions.edit")}
                    </Link>
                    <CarrierToggle id={c.id} code={c.code} enabled={c.enabled} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <FeeCalculator options={options} />
    </div>
  );
}
