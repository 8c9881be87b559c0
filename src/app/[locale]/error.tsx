"use client";

import { useTranslations } from "use-intl";
import { Button } from "@/components/ui/button";
import { ErrorState } from "@/components/ui/states";

export default function ErrorPage({ reset }: { error: Error; reset: () => void }) {
  const t = useTranslations("common.states");
  return (
    <main className="mx-auto max-w-xl px-4 py-20">
      <ErrorState
        title={t("error")}
        action={
          <Button variant="secondary" onClick={reset}>
            {t("retry")}
          </Button>
        }
      />
    </main>
  );
}
