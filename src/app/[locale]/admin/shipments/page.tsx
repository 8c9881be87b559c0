import { BuiltListPage } from "@/components/admin/list/built-list-page";
import { getTranslationsFor } from "@/i18n/server";
import { ShipmentsEarlyRead, ShipmentsList } from "./shipments-list";

type LocaleParams = { params: Promise<{ locale: string }> };

export async function generateMetadata({ params }: LocaleParams) {
  return { title: getTranslationsFor((await params).locale, "logistics")("admin.shipments.title") };
}

/** Admin → Shipments, built once per language; the list, its queues and the orders to ship are read by the browser (ShipmentsList). */
export default async function AdminShipmentsPage({ params }: LocaleParams) {
  const { locale } = await params;
  return (
    <BuiltListPage locale={locale} title={getTranslationsFor(locale, "logistics")("admin.shipments.title")} early={<ShipmentsEarlyRead />}>
      <ShipmentsList />
    </BuiltListPage>
  );
}
