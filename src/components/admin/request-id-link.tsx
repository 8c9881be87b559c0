import Link from "next/link";
import { getTranslations } from "@/i18n/server";
import { cn } from "@/lib/cn";

/** Where an admin reads one request's log lines. */
export const requestLogsHref = (requestId: string) => `/admin/logs?requestId=${encodeURIComponent(requestId)}`;

/**
 * A request id as a link to its log lines (Admin → Logs), wherever the admin shows one: the
 * id stays the text, the accessible name says where it leads.
 */
export async function RequestIdLink({ requestId, className }: { requestId: string; className?: string }) {
  const t = await getTranslations("logs");
  const label = t("requestLink", { id: requestId });
  return (
    <Link href={requestLogsHref(requestId)} aria-label={label} title={label} className={cn("font-mono text-brand-700 underline break-all", className)}>
      {requestId}
    </Link>
  );
}
