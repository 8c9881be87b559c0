import Link from "next/link";
import { notFound } from "next/navigation";
import { UserAccessActions } from "@/components/users/user-access-actions";
import { UserHistory } from "@/components/users/user-history";
import { Badge } from "@/components/ui/badge";
import { getLocale, getTranslations } from "@/i18n/server";
import { formatDateTime } from "@/lib/dates";
import { api, getSession, orNotFound } from "@/trpc/server";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function generateMetadata() {
  return { title: (await getTranslations("users"))("title") };
}

/** One account: who it is, its role and status with the actions on them, and its audit trail. */
export default async function AdminUserPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  if (!UUID.test(id)) notFound();
  const [t, locale, caller, session] = await Promise.all([getTranslations("users"), getLocale(), api(), getSession()]);
  const [user, events] = await Promise.all([
    orNotFound(caller.adminUsers.byId({ id }), `/admin/users/${id}`),
    orNotFound(caller.adminUsers.events({ id }), `/admin/users/${id}`),
  ]);
  return (
    <div className="space-y-6">
      <Link href="/admin/users" className="text-sm text-brand-700 hover:underline">
        ← {t("back")}
      </Link>
      <div className="space-y-1">
        <h1 className="text-2xl font-semibold">{user.name}</h1>
        <p className="text-sm text-slate-600">{user.email}</p>
        <p className="flex flex-wrap items-center gap-2 text-sm">
          <Badge tone={user.role === "admin" ? "info" : "neutral"}>{t(`roles.${user.role}`)}</Badge>
          {user.disabledAt ? (
            <Badge tone="danger">{t("disabledSince", { when: formatDateTime(user.disabledAt, locale) })}</Badge>
          ) : (
            <Badge tone="success">{t("statuses.active")}</Badge>
          )}
        </p>
      </div>
      <UserAccessActions user={user} isSelf={session?.id === user.id} />
      <UserHistory events={events} />
    </div>
  );
}
