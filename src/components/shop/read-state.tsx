"use client";

import { useRouter } from "next/navigation";
import { useEffect } from "react";
import { useTranslations } from "use-intl";
import { NotFoundContent } from "@/components/layout/not-found-content";
import { Button } from "@/components/ui/button";
import { ErrorState, LoadingState } from "@/components/ui/states";
import { errorData } from "@/trpc/types";

/** What the API answers when a record is not the reader's to see: unknown, malformed id, not their role's. */
const NOT_VISIBLE = new Set(["NOT_FOUND", "BAD_REQUEST", "FORBIDDEN"]);

type ReadStateProps = {
  /** The errors of the page's reads (null for a read that has not failed): none while they are under way. */
  errors: unknown[];
  /** Reads again. */
  onRetry: () => void;
  /**
   * The page shows one record by the id in its URL: a record the reader may not see is the
   * not-found page (the gateway answered such a view 404 already; this covers what changed since).
   */
  record?: boolean;
};

/**
 * In place of what a page built once reads in the browser, until it has it: loading while the
 * reads are under way; a reader whose session has ended (signed out elsewhere, revoked: the
 * proxy let the page through on a token still valid) is sent to sign in and back, as a page
 * rendered on the server would have; on a record's page, the not-found page for a record the
 * reader may not see; else an error with a retry.
 */
export function ReadState({ errors, onRetry, record = false }: ReadStateProps) {
  const tc = useTranslations("common");
  const router = useRouter();
  const codes = errors.filter(Boolean).map((error) => errorData(error).code);
  const signedOut = codes.includes("UNAUTHORIZED");
  useEffect(() => {
    if (signedOut) router.replace(`/sign-in?${new URLSearchParams({ callbackUrl: window.location.pathname + window.location.search })}`);
  }, [signedOut, router]);
  if (signedOut || codes.length === 0) return <LoadingState label={tc("states.loading")} />;
  if (record && codes.some((code) => code && NOT_VISIBLE.has(code))) return <NotFoundContent />;
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
