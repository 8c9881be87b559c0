import { redirect } from "next/navigation";
import { ApiKeyManager } from "@/components/api-keys/api-key-manager";
import { getTranslations } from "@/i18n/server";
import { api, getSession, orNotFound } from "@/trpc/server";

export async function generateMetadata() {
  return { title: (await getTranslations("apiKeys"))("title") };
}

/** The shopper's personal API keys. Admins keep theirs in the admin area. */
export default async function AccountApiKeysPage() {
  const [t, session, caller] = await Promise.all([getTranslations("apiKeys"), getSession(), api()]);
  if (session?.role === "admin") redirect("/admin/api-keys");
  const keys = await orNotFound(caller.apiKey.list(), "/account/api-keys");
  return (
    <div className="space-y-6">
      <div className="space-y-2">
        <h1 className="text-2xl font-semibold">{t("title")}</h1>
        <p className="max-w-3xl text-sm text-slate-600">{t("intro")}</p>
      </div>
      <ApiKeyManager keys={keys} mode="shopper" />
    </div>
  );
}
