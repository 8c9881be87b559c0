"use client";

import { useTranslations } from "use-intl";
import { Button } from "@/components/ui/button";
import { ErrorState } from "@/components/ui/states";

/** In place of what a page could not read: says so and offers to read it again. */
export function ReadFailed({ onRetry }: { onRetry: () => void }) {
  const tc = useTranslations("common");
  return (
    <ErrorState
      title={tc("states.error")}
      action={
        <Button type="button" variant="secondary" onClick={onRetry}>
          {tc("states.retry")}
        </Button>
      }
    />
  );
}
