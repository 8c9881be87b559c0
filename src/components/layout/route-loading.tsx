"use client";

import { useTranslations } from "use-intl";
import { LoadingState } from "@/components/ui/states";

/** What a route shows while its server component loads: a labelled spinner over a skeleton. */
export function RouteLoading({ rows = 4 }: { rows?: number }) {
  const t = useTranslations("common.states");
  return (
    <div className="space-y-4">
      <LoadingState label={t("loading")} />
      <div className="space-y-3" aria-hidden>
        <div className="h-7 w-1/3 animate-pulse rounded bg-slate-200" />
        {Array.from({ length: rows }, (_, i) => (
          <div key={i} className="h-12 animate-pulse rounded bg-slate-100" />
        ))}
      </div>
    </div>
  );
}
