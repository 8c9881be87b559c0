import Link from "next/link";
import { CourierForm } from "@/components/logistics/admin/courier-form";
import { getLocale, getTranslations } from "@/i18n/server";
import { api } from "@/trpc/server";

export async function generateMetadata() {
  const t = await getTranslations("logistics");
  return { title: t("admin.couriers.new") };
}

export default async function NewCourierPage() {
  const [t, locale, caller] = await Promise.all([getTranslations("logistics"), getLocale(), api()]);
  const carriers = await caller.adminCarriers.list();
  return (
    <div className="space-y-4">
      <Link href="/admin/couriers" className="text-sm text-brand-700 hover:underline">
        ← {t("admin.couriers.title")}
      </Link>
      <h1 className="text-2xl font-semibold">{t("admin.couriers.new")}</h1>
      <CourierForm carriers={carriers.map((c) => ({ id: c.id, label: locale === "zh-CN" ? c.nameZh : c.nameEn }))} />
    </div>
  );
}
