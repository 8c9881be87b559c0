"use client";

import Link from "next/link";
import { useTranslations } from "use-intl";
import { Button } from "@/components/ui/button";
import { ErrorState } from "@/components/ui/states";

/**
 * A route's error boundary content: what went wrong in plain words, and a retry. For admins
 * (`logsLink`) the error's digest links to its log line in Admin → Logs, which names the
 * request and leads to every line of it.
 */
export function RouteError({ reset, digest, logsLink = false }: { reset: () => void; digest?: string; logsLink?: boolean }) {
  const t = useTranslations("common.states");
  const tl = useTranslations("logs");
  return (
    <ErrorState
      title={t("error")}
      message={digest ? `#${digest}` : undefined}
      action={
        <div className="flex flex-wrap items-center gap-3">
          <Button variant="secondary" onClick={reset}>
            {t("retry")}
          </Button>
          {logsLink && digest && (
            <Link href={`/admin/logs?text=${encodeURIComponent(digest)}`} className="text-brand-700 underline">
              {tl("findError")}
            </Link>
          )}
        </div>
      }
    />
  );
}
