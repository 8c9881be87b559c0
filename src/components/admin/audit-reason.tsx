import { getTranslations } from "@/i18n/server";
import { auditReasonCodeText, auditReasonText, type AuditTranslator, type StoredAuditReason } from "@/lib/audit-reasons";

/**
 * Why an audit row was written, in the reader's language (a reason code's label, then any note
 * a person typed, as written), with the raw code one click away in a "details" disclosure.
 * Renders nothing when the row says nothing.
 */
export async function AuditReason({ prefix = "", ...stored }: StoredAuditReason & { prefix?: string }) {
  const t = await getTranslations("audit");
  const text = auditReasonText(t as unknown as AuditTranslator, stored);
  if (!text) return null;
  const code = auditReasonCodeText(stored);
  return (
    <span data-testid="audit-reason">
      {prefix}
      {text}
      {code && (
        <details className="ml-1 inline-block align-top text-[11px] text-slate-500">
          <summary className="cursor-pointer select-none">{t("details")}</summary>
          <code className="font-mono break-all">{code}</code>
        </details>
      )}
    </span>
  );
}

/** The codes behind a row (kinds, reason codes, technical messages, raw data) for developers, folded away. */
export async function CodeDetails({ lines }: { lines: (string | null | undefined)[] }) {
  const shown = lines.filter((line): line is string => Boolean(line));
  if (shown.length === 0) return null;
  const t = await getTranslations("audit");
  return (
    <details className="mt-1 text-xs text-slate-500" data-testid="code-details">
      <summary className="cursor-pointer select-none">{t("details")}</summary>
      <code className="block font-mono break-all whitespace-pre-wrap">{shown.join("\n")}</code>
    </details>
  );
}
