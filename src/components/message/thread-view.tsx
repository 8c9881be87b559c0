import Image from "next/image";
import { getLocale, getTranslations } from "@/i18n/server";
import { formatDateTime } from "@/lib/dates";
import { cn } from "@/lib/cn";
import { MESSAGE_PICTURE_SIZES } from "@/lib/message-picture";

type Post = { id: number; author: "shopper" | "admin"; body: string; pictures: { id: string; thumbUrl: string; largeUrl: string }[]; createdAt: Date };

/**
 * The posts of a conversation, oldest first; text is rendered as text (React escapes it). A
 * post's pictures show as thumbnails, each a link that opens the larger picture; the gateway
 * serves them to this conversation's shopper and to admins only.
 */
export async function ThreadView({ posts, side }: { posts: Post[]; side: "shopper" | "admin" }) {
  const [t, locale] = await Promise.all([getTranslations("catalog.messages"), getLocale()]);
  const label = (author: Post["author"]) => (author === "admin" ? t("shop") : side === "shopper" ? t("you") : t("columns.shopper"));
  const thumbSide = MESSAGE_PICTURE_SIZES.thumb;
  return (
    <ol aria-label={t("thread")} className="space-y-3">
      {posts.map((p) => (
        <li key={p.id} data-testid={`post-${p.author}`} className={cn("max-w-2xl rounded-lg border p-3", p.author === "admin" ? "ml-auto border-sky-200 bg-brand-50" : "border-slate-200 bg-white")}>
          <p className="mb-1 text-xs text-slate-500">
            {label(p.author)} · {formatDateTime(p.createdAt, locale)}
          </p>
          <p className="whitespace-pre-line text-sm">{p.body}</p>
          {p.pictures.length > 0 && (
            <ul aria-label={t("picturesOf", { author: label(p.author) })} className="mt-2 flex flex-wrap gap-2">
              {p.pictures.map((picture, index) => (
                <li key={picture.id}>
                  <a href={picture.largeUrl} target="_blank" rel="noopener" title={t("openPicture", { n: index + 1 })} className="block rounded focus:outline-none focus:ring-2 focus:ring-brand-500">
                    <Image src={picture.thumbUrl} alt={t("picture", { n: index + 1 })} width={thumbSide} height={thumbSide} unoptimized className="h-24 w-24 rounded border border-slate-200 bg-white object-contain" />
                  </a>
                </li>
              ))}
            </ul>
          )}
        </li>
      ))}
    </ol>
  );
}
