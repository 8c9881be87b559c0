import { AddressBook } from "@/components/shop/address-book";
import { getTranslations } from "@/i18n/server";
import { api, orNotFound } from "@/trpc/server";

export async function generateMetadata() {
  return { title: (await getTranslations("shop.addresses"))("title") };
}

export default async function AddressesPage() {
  const [t, caller] = await Promise.all([getTranslations("shop.addresses"), api()]);
  const addresses = await orNotFound(caller.address.list(), "/addresses");
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">{t("title")}</h1>
      <AddressBook addresses={addresses} />
    </div>
  );
}
