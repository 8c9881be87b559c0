"use client";

import { useState } from "react";
import { useTranslations } from "use-intl";
import { Button } from "@/components/ui/button";

/** The whole secret of a key just created, shown this once with a copy button. */
export function ApiKeySecret({ name, secret, onDone }: { name: string; secret: string; onDone: () => void }) {
  const t = useTranslations("apiKeys");
  const [copy, setCopy] = useState<"idle" | "copied" | "failed">("idle");
  return (
    <section aria-labelledby="api-key-secret-title" className="space-y-3 rounded-lg border border-amber-300 bg-amber-50 p-5" data-testid="api-key-secret">
      <h2 id="api-key-secret-title" className="font-semibold">
        {t("secretTitle", { name })}
      </h2>
      <p className="text-sm text-amber-900">{t("secretOnce")}</p>
      <div className="flex flex-wrap items-center gap-2">
        <label className="sr-only" htmlFor="api-key-secret-value">
          {t("secretLabel")}
        </label>
        <input
          id="api-key-secret-value"
          readOnly
          value={secret}
          onFocus={(e) => e.currentTarget.select()}
          className="min-w-0 flex-1 rounded-md border border-slate-300 bg-white px-3 py-2 font-mono text-sm"
        />
        <Button
          type="button"
          variant="secondary"
          onClick={() => navigator.clipboard.writeText(secret).then(() => setCopy("copied"), () => setCopy("failed"))}
        >
          {copy === "copied" ? t("copied") : t("copy")}
        </Button>
      </div>
      {copy === "failed" && (
        <p role="alert" className="text-sm text-rose-700">
          {t("copyFailed")}
        </p>
      )}
      <Button type="button" onClick={onDone}>
        {t("done")}
      </Button>
    </section>
  );
}
