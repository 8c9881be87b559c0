import { BuiltListPage } from "@/components/admin/list/built-list-page";
import { getTranslationsFor } from "@/i18n/server";
import { OrdersEarlyRead, OrdersList } from "./orders-list";

type LocaleParams = { params: Promise<{ locale: string }> };

export async function generateMetadata({ params }: LocaleParams) {
  return { title: getTranslationsFor((await params).locale, "admin.orders")("title") };
}

/** Admin → Orders, built once per language; the list reads the URL's query and its rows in the browser (OrdersList). */
export default async function AdminOrdersPage({ params }: LocaleParams) {
  const { locale } = await params;
  return (
    <BuiltListPage locale={locale} title={getTranslationsFor(locale, "admin.orders")("title")} early={<OrdersEarlyRead />}>
      <OrdersList />
    </BuiltListPage>
  );
}
