import { ApiKeyManager } from "@/components/api-keys/api-key-manager";
import { getTranslations } from "@/i18n/server";
import { api, orNotFound } from "@/trpc/server";

export async function generateMetadata() {
  return { title: (await getTranslations("apiKeys"))("adminTitle") };
}

/** Admin API keys: every admin-scoped key, whoever owns it, so any admin can revoke a leaked one. */
export default async function AdminApiKeysPage() {
  const [t, caller] = await Promise.all([getTranslations("apiKeys"), api()]);
  const keys = await orNotFound(caller.adminApiKey.list(), "/admin/api-keys");
  return (
    <div className="space-y-6">
      <div className="space-y-2">
        <h1 className="text-2xl font-semibold">{t("adminTitle")}</h1>
        <p className="max-w-3xl text-sm text-slate-600">{t("adminIntro")}</p>
      </div>
      <ApiKeyManager keys={keys} mode="admin" />
    </div>
  );
}
