"use client";

import { useLocale, useTranslations } from "use-intl";
import { LOCALE_COOKIE, LOCALES } from "@/i18n/config";

/**
 * Persists the choice in a cookie for a year and loads the page again: the pages built once per
 * language are chosen by that cookie (src/proxy.ts), and a full load also drops what the
 * browser's router kept of them in the other language.
 */
export function LanguageSwitch() {
  const t = useTranslations("common.language");
  const locale = useLocale();
  return (
    <label className="flex items-center gap-1 text-sm text-slate-600">
      <span className="sr-only">{t("label")}</span>
      <select
        aria-label={t("label")}
        className="rounded border border-slate-300 bg-white px-2 py-1 text-sm"
        value={locale}
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
