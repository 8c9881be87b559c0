import { SectionTabs } from "@/components/admin/section-tabs";
import { getTranslations } from "@/i18n/server";
import { REPORT_TABS, reportHref, type ReportTab } from "@/lib/report-range";

/** The tabs of Admin → Reports; each keeps the range on screen, so every tab shows the same days. */
export async function ReportTabs({ current, range }: { current: ReportTab; range: { from: string; to: string } }) {
  const t = await getTranslations("payment");
  const tabs = REPORT_TABS.map((tab) => ({ href: reportHref(tab, range), label: t(`admin.sections.${tab}`) }));
  return <SectionTabs label={t("admin.reportsIndexTitle")} current={reportHref(current, range)} tabs={tabs} />;
}
