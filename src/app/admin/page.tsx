import { getTranslations } from "@/i18n/server";
import { getSession } from "@/trpc/server";

export default async function AdminDashboardPage() {
  const [t, session] = await Promise.all([getTranslations("admin"), getSession()]);
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold">{t("dashboard.title")}</h1>
      <p className="text-slate-600">{t("dashboard.welcome", { name: session?.name ?? "" })}</p>
    </div>
  );
}
