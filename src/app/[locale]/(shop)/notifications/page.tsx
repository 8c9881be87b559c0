import { redirect } from "next/navigation";
import { NotificationList } from "@/components/notification/notification-list";
import { getTranslations } from "@/i18n/server";
import { getSession } from "@/trpc/server";

export async function generateMetadata() {
  return { title: (await getTranslations("notification.page"))("title") };
}

/** The shopper's in-app notifications. */
export default async function NotificationsPage() {
  const session = await getSession();
  if (!session || session.role !== "shopper") redirect("/sign-in?callbackUrl=/notifications");
  const t = await getTranslations("notification.page");
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">{t("title")}</h1>
      <NotificationList />
    </div>
  );
}
