import { PaymentSettingsForm } from "@/components/payment/admin/payment-settings-form";
import { SettingsHistory } from "@/components/admin/settings-history";
import { SettingsTabs } from "@/components/admin/settings-tabs";
import { WebhookEndpoints } from "@/components/payment/admin/webhook-endpoints";
import { getTranslations } from "@/i18n/server";
import { api } from "@/trpc/server";

export async function generateMetadata() {
  return { title: (await getTranslations("payment.admin.settings"))("title") };
}

/** Admin → Settings → Payments: configuration (validated, every change logged with who and when) and webhook endpoints. */
export default async function PaymentSettingsPage() {
  const [t, caller] = await Promise.all([getTranslations("payment"), api()]);
  const [settings, history] = await Promise.all([caller.adminPayment.settings.get(), caller.adminPayment.settings.history()]);
  return (
    <div className="space-y-5">
      <SettingsTabs current="payments" />
      <h1 className="text-2xl font-semibold">{t("admin.settings.title")}</h1>
      {/* Not keyed on the history: a remount after the save's refresh would wipe the "saved" confirmation (the form already shows what was saved). */}
      <PaymentSettingsForm initial={settings} />
      <WebhookEndpoints />
      <SettingsHistory changes={history} labels={["payment.admin.settings", "payment.method"]} />
    </div>
  );
}
