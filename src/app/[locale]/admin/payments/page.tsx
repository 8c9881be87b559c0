import { BuiltListPage } from "@/components/admin/list/built-list-page";
import { getTranslationsFor } from "@/i18n/server";
import { PaymentsEarlyRead, PaymentsList } from "./payments-list";

type LocaleParams = { params: Promise<{ locale: string }> };

export async function generateMetadata({ params }: LocaleParams) {
  return { title: getTranslationsFor((await params).locale, "admin.nav")("payments") };
}

/** Admin → Payments, built once per language; the list reads the URL's query and its rows in the browser (PaymentsList). */
export default async function AdminPaymentsPage({ params }: LocaleParams) {
  const { locale } = await params;
  return (
    <BuiltListPage locale={locale} title={getTranslationsFor(locale, "payment")("admin.list.title")} early={<PaymentsEarlyRead />}>
      <PaymentsList />
    </BuiltListPage>
  );
}
