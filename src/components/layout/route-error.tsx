"use client";

import { useTranslations } from "use-intl";
import { Button } from "@/components/ui/button";
import { ErrorState } from "@/components/ui/states";

/** A route's error boundary content: what went wrong in plain words, and a retry. */
export function RouteError({ reset, digest }: { reset: () => void; digest?: string }) {
  const t = useTranslations("common.states");
  return (
    <ErrorState
      title={t("error")}
      message={digest ? `#${digest}` : undefined}
      action={
        <Button variant="secondary" onClick={reset}>
          {t("retry")}
        </Button>
      }
    />
  );
}
