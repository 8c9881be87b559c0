import { NextResponse, type NextRequest } from "next/server";
import { createTranslator } from "use-intl/core";
import { TIME_ZONE, type Locale } from "@/i18n/config";
import { MESSAGES } from "@/i18n/messages";
import { getDb } from "@/server/db/client";
// The limiter and the settings themselves, not the logistics module's index (the whole module).
import { logisticsSettings } from "@/server/domain/logistics/logistics.settings";
import { publicLookupRetryAfter } from "@/server/domain/logistics/public-lookup-limit";
import { clientAddressFromHeaders } from "./client-address";

/**
 * The /track page answers 429 with Retry-After to a client whose lookups for the minute are
 * used up. A page cannot choose its own status (Next only has 404/403/401 and redirects for
 * that), so the proxy answers before the page renders, from the shared counters the lookup
 * counts in (one read of the store per /track view with a number). The page keeps counting through logistics.track; one that loses a race
 * for the last lookup redirects to itself and lands here.
 */
export async function trackLimitAnswer(req: NextRequest, pathname: string, locale: Locale): Promise<NextResponse | null> {
  if (pathname !== "/track" || !req.nextUrl.searchParams.get("no")?.trim()) return null;
  const { publicLookupsPerMinute } = await logisticsSettings.get(getDb());
  const seconds = await publicLookupRetryAfter(clientAddressFromHeaders(req.headers), publicLookupsPerMinute);
  if (seconds === null) return null;

  const t = createTranslator({ locale, messages: MESSAGES[locale], namespace: "logistics.tracking", timeZone: TIME_ZONE });
  // Our own catalog's text only (nothing from the request), in a page that needs no script or stylesheet.
  const html = `<!doctype html>
<html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex">
<title>${t("rateLimitedTitle")} · shopflow</title>
<style>body{font-family:system-ui,sans-serif;color:#0f172a;margin:0}main{max-width:36rem;margin:4rem auto;padding:0 1rem}h1{font-size:1.5rem}p{color:#475569}a{color:#4338ca}</style></head>
<body><main><h1>${t("rateLimitedTitle")}</h1><p role="alert">${t("rateLimited", { seconds })}</p><p><a href="/track">${t("backToLookup")}</a></p></main></body></html>`;
  return new NextResponse(html, {
    status: 429,
    headers: { "content-type": "text/html; charset=utf-8", "retry-after": String(seconds), "cache-control": "no-store" },
  });
}
