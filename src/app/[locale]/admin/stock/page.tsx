import { BuiltListPage } from "@/components/admin/list/built-list-page";
import { getTranslationsFor } from "@/i18n/server";
import { StockEarlyRead, StockList } from "./stock-list";

type LocaleParams = { params: Promise<{ locale: string }> };

export async function generateMetadata({ params }: LocaleParams) {
  return { title: getTranslationsFor((await params).locale, "catalog.admin.stock")("lowTitle") };
}

/** Admin → Low stock, built once per language; the list reads its page number and rows in the browser (StockList). */
export default async function LowStockPage({ params }: LocaleParams) {
  const { locale } = await params;
  return (
    <BuiltListPage locale={locale} title={getTranslationsFor(locale, "catalog.admin.stock")("lowTitle")} early={<StockEarlyRead />}>
      <StockList />
    </BuiltListPage>
  );
}
