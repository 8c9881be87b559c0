import Link from "next/link";
import { CourierForm } from "@/components/logistics/admin/courier-form";
import { getLocale, getTranslations } from "@/i18n/server";
import { api, orNotFound } from "@/trpc/server";

export async function generateMetadata() {
  const t = await getTranslations("logistics");
  return { title: t("admin.couriers.edit") };
}

export default async function EditCourierPage({ params }: { params: Promise<{ id: string }> }) {
  const [{ id }, t, locale, caller] = await Promise.all([params, getTranslations("logistics"), getLocale(), api()]);
  const [courier, carriers] = await Promise.all([orNotFound(caller.adminCarriers.courierById({ id })), caller.adminCarriers.list()]);
  return (
    <div className="space-y-4">
      <Link href="/admin/couriers" className="text-sm text-brand-700 hover:underline">
        ← {t("admin.couriers.title")}
      </Link>
      <h1 className="text-2xl font-semibold">{t("admin.couriers.edit")}</h1>
      <CourierForm initial={courier} carriers={carriers.map((c) => ({ id: c.id, label: locale === "zh-CN" ? c.nameZh : c.nameEn }))} />
    </div>
  );
}
