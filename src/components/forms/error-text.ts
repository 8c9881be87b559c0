"use client";

import { useTranslations } from "use-intl";
import type { FieldIssue, FieldIssues } from "@/lib/validation/field-issue";

/** What our errorFormatter attaches to a refused call that pages read (src/server/api/trpc.ts). */
type RefusalData = { code?: string; domainCode?: string; params?: Record<string, string | number>; fieldIssues?: FieldIssues };

function refusalOf(error: unknown): RefusalData {
  return (error as { data?: RefusalData | null } | null | undefined)?.data ?? {};
}

/** The field issues a refused call carries (none for a network failure or a refusal without fields). */
export function fieldIssuesOf(error: unknown): FieldIssues | undefined {
  const issues = refusalOf(error).fieldIssues;
  return issues && Object.keys(issues).length > 0 ? issues : undefined;
}

/** tRPC codes that say something to a person when no domain code does. */
const TRANSPORT_CODES = new Set(["UNAUTHORIZED", "FORBIDDEN", "TOO_MANY_REQUESTS", "SERVICE_UNAVAILABLE"]);

/**
 * Words for what the server refused, in the reader's language, from the catalogs' `common`
 * namespace: a field's issue by its code and values (`common.validation`), a whole refusal by
 * its domain code (`common.errors`). The server's English messages are for API developers and
 * never shown.
 */
export function useErrorText() {
  const tv = useTranslations("common.validation");
  const te = useTranslations("common.errors");

  /** One issue of a field, e.g. `{ code: "too_long", params: { max: 40 } }` → "最多 40 个字符。". */
  function issueText(issue: FieldIssue): string {
    const pattern = issue.code === "pattern" ? String(issue.params?.pattern ?? "") : "";
    if (pattern && tv.has(`patterns.${pattern}` as never)) return tv(`patterns.${pattern}` as never);
    return tv(`codes.${issue.code}`, issue.params);
  }

  return {
    issue: issueText,
    /** The first issue of a field, or undefined when it has none. */
    field(issues: FieldIssue[] | undefined): string | undefined {
      const first = issues?.[0];
      return first ? issueText(first) : undefined;
    },
    /** The first issue the refused call `error` names for `name`, or undefined. */
    of(error: unknown, name: string): string | undefined {
      const first = fieldIssuesOf(error)?.[name]?.[0];
      return first ? issueText(first) : undefined;
    },
    /** What a refused call means as a whole: its domain code's label, else a generic one. */
    refusal(error: unknown): string {
      const { code, domainCode, params } = refusalOf(error);
      if (domainCode && te.has(domainCode as never)) return te(domainCode as never, params as never);
      if (code && TRANSPORT_CODES.has(code)) return te(code as never);
      return te("generic");
    },
  };
}
