import Link from "next/link";
import { getTranslations } from "@/i18n/server";
import { api, getSession } from "@/trpc/server";

export default async function AdminDashboardPage() {
  const [t, tc, session, caller] = await Promise.all([getTranslations("admin"), getTranslations("catalog.admin.stock"), getSession(), api()]);
  const lowStock = await caller.adminStock.lowStock({ pageSize: 1 });
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold">{t("dashboard.title")}</h1>
      <p className="text-slate-600">{t("dashboard.welcome", { name: session?.name ?? "" })}</p>
      <p>
        <Link href="/admin/stock" className="text-brand-700 underline">
          {tc("dashboardLink", { count: lowStock.total })}
        </Link>
      </p>
    </div>
  );
}
