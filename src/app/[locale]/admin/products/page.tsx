import { BuiltListPage } from "@/components/admin/list/built-list-page";
import { getTranslationsFor } from "@/i18n/server";
import { ProductsEarlyRead, ProductsList } from "./products-list";

type LocaleParams = { params: Promise<{ locale: string }> };

export async function generateMetadata({ params }: LocaleParams) {
  return { title: getTranslationsFor((await params).locale, "catalog.admin.products")("title") };
}

/** Admin → Products, built once per language; the list reads the URL's query and its rows in the browser (ProductsList). */
export default async function AdminProductsPage({ params }: LocaleParams) {
  const { locale } = await params;
  return (
    <BuiltListPage locale={locale} title={getTranslationsFor(locale, "catalog.admin.products")("title")} early={<ProductsEarlyRead />}>
      <ProductsList />
    </BuiltListPage>
  );
}
