"use client";

import { useRouter } from "next/navigation";
import { useEffect } from "react";
import { useTranslations } from "use-intl";
import { Button } from "@/components/ui/button";
import { ErrorState, LoadingState } from "@/components/ui/states";
import { errorData } from "@/trpc/types";

/**
 * In place of what a page could not read: says so and offers to read it again. A page that
 * needs a session (the proxy sent visitors to sign in before serving it) whose read finds the
 * session gone (signed out elsewhere, revoked) sends the reader to sign in and back, as a page
 * rendered on the server would have.
 */
export function ReadFailed({ errors, onRetry }: { errors: unknown[]; onRetry: () => void }) {
  const tc = useTranslations("common");
  const router = useRouter();
  const signedOut = errors.some((error) => errorData(error).code === "UNAUTHORIZED");
  useEffect(() => {
    if (signedOut) router.replace(`/sign-in?${new URLSearchParams({ callbackUrl: window.location.pathname + window.location.search })}`);
  }, [signedOut, router]);
  if (signedOut) return <LoadingState label={tc("states.loading")} />;
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
