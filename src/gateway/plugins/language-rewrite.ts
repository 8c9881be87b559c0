import { splitLocalePath } from "@/i18n/config";

/** The header Next's client router reads as "the query this page was rendered with". */
const RENDERED_QUERY_HEADER = "x-nextjs-rewritten-query";
const RENDERED_PATH_HEADER = "x-nextjs-rewritten-path";

/**
 * Next 16.4's config rewrites carry the request's query to the page, but when a rewritten
 * request has a query, the answer to the browser's router says the page was rendered with
 * none (the header holds the destination's own search, which is empty for `/{locale}/…`). The
 * router then files every `?page=2` or `?sort=…` of a page under the query-less answer and shows
 * the first one again. For the language rewrite (next.config.ts) the page *was* rendered with
 * the request's query, which is what the router assumes when the header is absent, so the
 * gateway drops it there. Any other rewrite's header is left alone.
 */
export function withoutLanguageRewriteQuery<H extends Record<string, unknown>>(headers: H, requestPath: string): H {
  if (!(RENDERED_QUERY_HEADER in headers)) return headers;
  const rendered = headers[RENDERED_PATH_HEADER];
  if (typeof rendered !== "string") return headers;
  const { locale, rest } = splitLocalePath(rendered);
  const requested = requestPath.split("?", 1)[0] ?? "";
  if (locale === null || rest !== (requested === "" ? "/" : requested)) return headers;
  const { [RENDERED_QUERY_HEADER]: _dropped, ...kept } = headers;
  return kept as H;
}
