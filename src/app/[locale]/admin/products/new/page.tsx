import Link from "next/link";
import { ProductForm } from "@/components/catalog/admin/product-form";
import { getLocale, getTranslations } from "@/i18n/server";
import { api } from "@/trpc/server";

export async function generateMetadata() {
  const t = await getTranslations("catalog.admin.products");
  return { title: t("new") };
}

export default async function NewProductPage() {
  const [t, locale, caller] = await Promise.all([getTranslations("catalog.admin.products"), getLocale(), api()]);
  const [categories, warehouses] = await Promise.all([caller.adminCatalog.categories(), caller.adminCatalog.warehouses()]);
  return (
    <div className="space-y-4">
      <Link href="/admin/products" className="text-sm text-brand-700 hover:underline">
        ← {t("back")}
      </Link>
      <h1 className="text-2xl font-semibold">{t("new")}</h1>
      <ProductForm
        categories={categories.map((c) => ({ id: c.id, label: locale === "zh-CN" ? c.nameZh : c.nameEn }))}
        warehouses={warehouses.map((w) => ({ id: w.id, label: `${w.name} (${w.city})` }))}
      />
    </div>
  );
}
