import Link from "next/link";
import { getTranslations } from "@/i18n/server";

export async function generateMetadata() {
  const t = await getTranslations("logistics");
  return { title: t("admin.reports.indexTitle") };
}

const SECTIONS = [
  { key: "logistics", href: "/admin/reports/logistics" },
  { key: "payments", href: "/admin/reports/payments" },
] as const;

/** The reports index: one card per module's report. */
export default async function ReportsIndexPage() {
  const t = await getTranslations("logistics");
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold">{t("admin.reports.indexTitle")}</h1>
      <p className="text-sm text-slate-600">{t("admin.reports.indexIntro")}</p>
      <ul className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
        {SECTIONS.map((section) => (
          <li key={section.key}>
            <Link href={section.href} className="block h-full rounded-lg border border-slate-200 bg-white p-4 shadow-sm hover:border-brand-500">
              <span className="font-medium text-brand-700">{t(`admin.reports.sections.${section.key}`)}</span>
              <span className="mt-1 block text-sm text-slate-600">{t(`admin.reports.sections.${section.key}Hint`)}</span>
            </Link>
          </li>
        ))}
      </ul>
    </div>
  );
}
