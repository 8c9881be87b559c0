import { getLocale, getTranslations } from "@/i18n/server";
import { formatDateTime } from "@/lib/dates";
import { cn } from "@/lib/cn";

type Post = { id: number; author: "shopper" | "admin"; body: string; createdAt: Date };

/** The posts of a conversation, oldest first; text is rendered as text (React escapes it). */
export async function ThreadView({ posts, side }: { posts: Post[]; side: "shopper" | "admin" }) {
  const [t, locale] = await Promise.all([getTranslations("catalog.messages"), getLocale()]);
  const label = (author: Post["author"]) => (author === "admin" ? t("shop") : side === "shopper" ? t("you") : t("columns.shopper"));
  return (
    <ol aria-label={t("thread")} className="space-y-3">
      {posts.map((p) => (
        <li key={p.id} data-testid={`post-${p.author}`} className={cn("max-w-2xl rounded-lg border p-3", p.author === "admin" ? "ml-auto border-sky-200 bg-brand-50" : "border-slate-200 bg-white")}>
          <p className="mb-1 text-xs text-slate-500">
            {label(p.author)} · {formatDateTime(p.createdAt, locale)}
          </p>
          <p className="whitespace-pre-line text-sm">{p.body}</p>
        </li>
      ))}
    </ol>
  );
}
