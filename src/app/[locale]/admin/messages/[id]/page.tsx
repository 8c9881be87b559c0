import { ShopperEmailLink } from "@/components/admin/identifier-links";
import Link from "next/link";
import { ThreadActions } from "@/components/message/thread-actions";
import { ThreadView } from "@/components/message/thread-view";
import { Badge } from "@/components/ui/badge";
import { getTranslations } from "@/i18n/server";
import { api, orNotFound } from "@/trpc/server";

export async function generateMetadata() {
  return { title: (await getTranslations("catalog.messages"))("thread") };
}

/** One customer conversation for the shop: who wrote, about which order, every post; reply or close. */
export default async function AdminMessagePage({ params }: { params: Promise<{ id: string }> }) {
  const [{ id }, t, caller] = await Promise.all([params, getTranslations("catalog.messages"), api()]);
  const thread = await orNotFound(caller.adminMessage.byId({ id }));
  return (
    <div className="space-y-6">
      <Link href="/admin/messages" className="text-sm text-brand-700 hover:underline">
        ← {t("admin.title")}
      </Link>
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="text-2xl font-semibold">{t(`types.${thread.type}`)}</h1>
        <Badge tone={thread.status === "answered" ? "success" : thread.status === "open" ? "warning" : "neutral"}>{t(`statuses.${thread.status}`)}</Badge>
      </div>
      <p className="text-sm text-slate-600">
        {t("columns.shopper")}: {thread.shopperName} &lt;<ShopperEmailLink email={thread.shopperEmail} />&gt;
        {thread.orderId && thread.orderNo && (
          <>
            {" · "}
            <Link href={`/admin/orders/${thread.orderId}`} className="font-mono text-brand-700 hover:underline">
              {thread.orderNo}
            </Link>
          </>
        )}
      </p>
      <ThreadView posts={thread.posts} side="admin" />
      <ThreadActions id={thread.id} side="admin" closed={thread.status === "closed"} />
    </div>
  );
}
