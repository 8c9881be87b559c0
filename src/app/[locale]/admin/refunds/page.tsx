import { BuiltListPage } from "@/components/admin/list/built-list-page";
import { getTranslationsFor } from "@/i18n/server";
import { RefundsEarlyRead, RefundsList } from "./refunds-list";

type LocaleParams = { params: Promise<{ locale: string }> };

export async function generateMetadata({ params }: LocaleParams) {
  return { title: getTranslationsFor((await params).locale, "admin.nav")("refunds") };
}

/** Admin → Refunds, built once per language; the list reads the URL's query and its rows in the browser (RefundsList). */
export default async function AdminRefundsPage({ params }: LocaleParams) {
  const { locale } = await params;
  return (
    <BuiltListPage locale={locale} title={getTranslationsFor(locale, "payment")("admin.refunds.title")} early={<RefundsEarlyRead />}>
      <RefundsList />
    </BuiltListPage>
  );
}
