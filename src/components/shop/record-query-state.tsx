"use client";

import { useTranslations } from "use-intl";
import { NotFoundContent } from "@/components/layout/not-found-content";
import { Button } from "@/components/ui/button";
import { ErrorState, LoadingState } from "@/components/ui/states";

/** What the API says when the record is not the reader's to see (gone, malformed id, signed out meanwhile). */
const NOT_VISIBLE = new Set(["NOT_FOUND", "BAD_REQUEST", "UNAUTHORIZED", "FORBIDDEN"]);

type RecordQuery = { isPending: boolean; isError: boolean; error: unknown; refetch: () => unknown };

/**
 * The state of a page built once for every id while its record is read from the API: loading,
 * the not-found page when the record is not visible (the gateway answers such a view with 404
 * already; this covers what changed since), or an error with a retry. Null once there is data.
 * Nothing of an earlier record is ever shown: each id has its own query.
 */
export function RecordQueryState({ query }: { query: RecordQuery }) {
  const t = useTranslations("common.states");
  if (query.isError) {
    const code = (query.error as { data?: { code?: string } } | null)?.data?.code;
    if (code && NOT_VISIBLE.has(code)) return <NotFoundContent />;
    return (
      <ErrorState
        title={t("error")}
        action={
          <Button type="button" variant="secondary" onClick={() => void query.refetch()}>
            {t("retry")}
          </Button>
        }
      />
    );
  }
  if (query.isPending) return <LoadingState label={t("loading")} />;
  return null;
}
