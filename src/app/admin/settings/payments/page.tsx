import { PaymentSettingsForm } from "@/components/payment/admin/payment-settings-form";
import { SectionTabs } from "@/components/payment/admin/section-tabs";
import { WebhookEndpoints } from "@/components/payment/admin/webhook-endpoints";
import { Card } from "@/components/ui/card";
import { getLocale, getTranslations } from "@/i18n/server";
import { formatDateTime } from "@/lib/dates";
import { api } from "@/trpc/server";

export const metadata = { title: "Payment settings" };

/** Admin → Settings → Payments: configuration (validated, every change logged with who and when) and webhook endpoints. */
export default async function PaymentSettingsPage() {
  const [t, locale, caller] = await Promise.all([getTranslations("payment"), getLocale(), api()]);
  const [settings, history] = await Promise.all([caller.adminPayment.settings.get(), caller.adminPayment.settings.history()]);
  return (
    <div className="space-y-5">
      <SectionTabs
        label={t("admin.settingsIndexTitle")}
        current="/admin/settings/payments"
        tabs={[
          { href: "/admin/settings/payments", label: t("admin.sections.payments") },
          { href: "/admin/settings/logistics", label: t("admin.sections.logistics") },
        ]}
      />
      <h1 className="text-2xl font-semibold">{t("admin.settings.title")}</h1>
      {/* Not keyed on the history: a remount after the save's refresh would wipe the "saved" confirmation (the form already shows what was saved). */}
      <PaymentSettingsForm initial={settings} />
      <WebhookEndpoints />
      <Card aria-labelledby="settings-history">
        <h2 id="settings-history" className="mb-3 font-medium">
          {t("admin.settings.history")}
        </h2>
        {history.length === 0 ? (
          <p className="text-sm text-slate-500">{t("admin.settings.historyEmpty")}</p>
        ) : (
          <ol className="space-y-2 text-sm">
            {history.map((change) => {
              const changed = Object.keys(change.after).filter((k) => JSON.stringify(change.after[k]) !== JSON.stringify(change.before[k]));
              return (
                <li key={change.id}>
                  <span className="text-slate-600">{t("admin.settings.changedBy", { date: formatDateTime(change.createdAt, locale), who: change.changedBy ?? t("admin.settings.someone") })}</span>
                  <span className="ml-2 font-mono text-xs">{changed.join(", ")}</span>
                </li>
              );
            })}
          </ol>
        )}
      </Card>
    </div>
  );
}
