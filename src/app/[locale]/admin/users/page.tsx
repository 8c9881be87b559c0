import { BuiltListPage } from "@/components/admin/list/built-list-page";
import { getTranslationsFor } from "@/i18n/server";
import { UsersEarlyRead, UsersList } from "./users-list";

type LocaleParams = { params: Promise<{ locale: string }> };

export async function generateMetadata({ params }: LocaleParams) {
  return { title: getTranslationsFor((await params).locale, "users")("title") };
}

/** Admin → Users, built once per language; the list reads the URL's query and its rows in the browser (UsersList). */
export default async function AdminUsersPage({ params }: LocaleParams) {
  const { locale } = await params;
  return (
    <BuiltListPage locale={locale} title={getTranslationsFor(locale, "users")("title")} early={<UsersEarlyRead />}>
      <UsersList />
    </BuiltListPage>
  );
}
