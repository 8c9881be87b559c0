"use client";

import { useSyncExternalStore } from "react";
import { useLocale, useTranslations } from "use-intl";
import { LOCALE_COOKIE, LOCALES } from "@/i18n/config";

/**
 * Persists the choice in a cookie for a year and loads the page again: the pages built once per
 * language are chosen by that cookie (src/proxy.ts), and a full load also drops what the
 * browser's router kept of them in the other language.
 */
const noSubscription = () => () => {};

export function LanguageSwitch() {
  const t = useTranslations("common.language");
  const locale = useLocale();
  // False in the built HTML, true once hydrated: until then a choice would go nowhere (no
  // handler yet), so the switch stays disabled rather than show a language it will not load.
  const interactive = useSyncExternalStore(noSubscription, () => true, () => false);
  return (
    <label className="flex items-center gap-1 text-sm text-slate-600">
      <span className="sr-only">{t("label")}</span>
      <select
        aria-label={t("label")}
        className="rounded border border-slate-300 bg-white px-2 py-1 text-sm"
        value={locale}
        disabled={!interactive}
        onChange={(event) => {
          document.cookie = `${LOCALE_COOKIE}=${event.target.value}; path=/; max-age=31536000; samesite=lax`;
          window.location.reload();
        }}
      >
        {LOCALES.map((l) => (
          <option key={l} value={l}>
            {t(l)}
          </option>
        ))}
      </select>
    </label>
  );
}
