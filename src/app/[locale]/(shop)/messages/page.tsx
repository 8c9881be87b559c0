import Link from "next/link";
import { NewMessageForm } from "@/components/message/new-message-form";
import { Badge } from "@/components/ui/badge";
import { Pagination } from "@/components/ui/pagination";
import { EmptyState } from "@/components/ui/states";
import { getLocale, getTranslations } from "@/i18n/server";
import { formatDateTime } from "@/lib/dates";
import { firstParams, pageParam, type RawSearchParams } from "@/lib/search-params";
import { api, orNotFound } from "@/trpc/server";

export async function generateMetadata() {
  return { title: (await getTranslations("catalog.messages"))("title") };
}

const TONE = { open: "warning", answered: "success", closed: "neutral" } as const;

/** The shopper's conversations with the shop, and a form to start one (about an order or in general). */
export default async function MessagesPage({ searchParams }: { searchParams: Promise<RawSearchParams> }) {
  const [params, t, locale, caller] = await Promise.all([searchParams.then((raw) => firstParams(raw, 40)), getTranslations("catalog.messages"), getLocale(), api()]);
  const page = pageParam(params.page, 10_000);
  // The list first: for anyone but a shopper it turns into the sign-in page before the orders are asked for.
  const result = await orNotFound(caller.message.list({ page, pageSize: 20 }), "/messages");
  const orders = await caller.order.mine({ pageSize: 50 });
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">{t("title")}</h1>
      <section aria-labelledby="new-message" className="space-y-2">
        <h2 id="new-message" className="font-medium">
          {t("new")}
        </h2>
        <NewMessageForm orders={orders.items.map((o) => ({ id: o.id, orderNo: o.orderNo }))} initialOrderId={orders.items.some((o) => o.id === params.order) ? params.order : undefined} />
      </section>
      {result.items.length === 0 ? (
        <EmptyState title={t("empty")} />
      ) : (
        <ul aria-label={t("title")} className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white">
          {result.items.map((m) => (
            <li key={m.id} className="flex flex-wrap items-center gap-3 p-4">
              <div className="min-w-0 flex-1">
                <Link href={`/messages/${m.id}`} className="font-medium text-brand-700 hover:underline">
                  {m.preview}
                </Link>
                <p className="text-xs text-slate-500">
                  {t(`types.${m.type}`)}
                  {m.orderNo ? ` · ${m.orderNo}` : ""} · {formatDateTime(m.lastPostAt, locale)}
                </p>
              </div>
              <Badge tone={TONE[m.status]}>{t(`statuses.${m.status}`)}</Badge>
            </li>
          ))}
        </ul>
      )}
      <Pagination page={page} pageSize={result.pageSize} total={result.total} basePath="/messages" params={{}} />
    </div>
  );
}
