import Link from "next/link";
import { CarrierForm } from "@/components/logistics/admin/carrier-form";
import { getTranslations } from "@/i18n/server";

export async function generateMetadata() {
  const t = await getTranslations("logistics");
  return { title: t("admin.carriers.new") };
}

export default async function NewCarrierPage() {
  const t = await getTranslations("logistics");
  return (
    <div className="space-y-4">
      <Link href="/admin/carriers" className="text-sm text-brand-700 hover:underline">
        ← {t("admin.carriers.title")}
      </Link>
      <h1 className="text-2xl font-semibold">{t("admin.carriers.new")}</h1>
      <CarrierForm />
    </div>
  );
}
