import { CategoryEditor } from "@/components/catalog/admin/category-editor";
import { getLocale, getTranslations } from "@/i18n/server";
import { api } from "@/trpc/server";

export async function generateMetadata() {
  const t = await getTranslations("catalog.admin.categories");
  return { title: t("title") };
}

/** Categories with both names and their order; each row saves on its own, audited. */
export default async function AdminCategoriesPage() {
  const [t, locale, caller] = await Promise.all([getTranslations("catalog.admin.categories"), getLocale(), api()]);
  const categories = await caller.adminCatalog.categories();
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">{t("title")}</h1>
      <p className="text-sm text-slate-600">{t("intro")}</p>
      <section aria-label={t("title")} className="rounded-lg border border-slate-200 bg-white p-4">
        {categories.length === 0 && <p className="text-sm text-slate-500">{t("empty")}</p>}
        {categories.map((c) => (
          <div key={c.id}>
            <p className="pt-2 text-xs text-slate-500">
              {locale === "zh-CN" ? c.nameZh : c.nameEn} · {t("products")}: {c.productCount}
            </p>
            <CategoryEditor category={c} />
          </div>
        ))}
      </section>
      <section aria-labelledby="new-category" className="rounded-lg border border-slate-200 bg-white p-4">
        <h2 id="new-category" className="font-medium">
          {t("new")}
        </h2>
        <CategoryEditor />
      </section>
    </div>
  );
}
