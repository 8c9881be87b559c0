import Link from "next/link";
import { ThreadActions } from "@/components/message/thread-actions";
import { ThreadView } from "@/components/message/thread-view";
import { Badge } from "@/components/ui/badge";
import { getTranslations } from "@/i18n/server";
import { api, orNotFound } from "@/trpc/server";

export async function generateMetadata() {
  return { title: (await getTranslations("catalog.messages"))("thread") };
}

/** One of the shopper's conversations: every post, a follow-up form and close. */
export default async function MessageThreadPage({ params }: { params: Promise<{ id: string }> }) {
  const [{ id }, t, caller] = await Promise.all([params, getTranslations("catalog.messages"), api()]);
  const thread = await orNotFound(caller.message.byId({ id }), `/messages/${id}`);
  return (
    <div className="space-y-6">
      <Link href="/messages" className="text-sm text-brand-700 underline">
        {t("back")}
      </Link>
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="text-2xl font-semibold">{t(`types.${thread.type}`)}</h1>
        <Badge tone={thread.status === "answered" ? "success" : thread.status === "open" ? "warning" : "neutral"}>{t(`statuses.${thread.status}`)}</Badge>
        {thread.orderId && thread.orderNo && (
          <Link href={`/orders/${thread.orderId}`} className="font-mono text-sm text-brand-700 underline">
            {thread.orderNo}
          </Link>
        )}
      </div>
      <ThreadView posts={thread.posts} side="shopper" />
      <ThreadActions id={thread.id} side="shopper" closed={thread.status === "closed"} />
    </div>
  );
}
