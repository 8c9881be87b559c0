import { SimulationConsole } from "@/components/simulation/simulation-console";
import { getLocale, getTranslations } from "@/i18n/server";
import { api } from "@/trpc/server";

export async function generateMetadata() {
  return { title: (await getTranslations("simulation"))("title") };
}

/** Admin → Simulation: generate shoppers and orders, watch progress, history, demo data. */
export default async function AdminSimulationPage() {
  const [t, locale, caller] = await Promise.all([getTranslations("simulation"), getLocale(), api()]);
  const carriers = (await caller.adminCarriers.list()).filter((c) => c.enabled).map((c) => ({ code: c.code, name: locale === "zh-CN" ? c.nameZh : c.nameEn }));
  return (
    <div className="space-y-6">
      <div className="space-y-2">
        <h1 className="text-2xl font-semibold">{t("title")}</h1>
        <p className="text-sm text-slate-600">{t("intro")}</p>
      </div>
      <SimulationConsole carriers={carriers} />
    </div>
  );
}
