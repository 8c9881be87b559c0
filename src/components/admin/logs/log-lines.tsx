import { RequestIdLink } from "@/components/admin/request-id-link";
import { Badge } from "@/components/ui/badge";
import { getLocale, getTranslations } from "@/i18n/server";
import { formatDateTime } from "@/lib/dates";
import type { LogLevelOption } from "./log-filters";

export type LogLineView = {
  id: number;
  time: Date;
  level: LogLevelOption;
  role: string | null;
  pid: number | null;
  msg: string | null;
  requestId: string | null;
  userId: string | null;
  route: string | null;
  method: string | null;
  status: number | null;
  durationMs: number | null;
  line: Record<string, unknown>;
};

const LEVEL_TONE = { trace: "neutral", debug: "neutral", info: "info", warn: "warning", error: "danger", fatal: "danger" } as const;
const ROLES = ["gateway", "web", "worker"] as const;
const roleKey = (role: string | null) => ROLES.find((known) => known === role) ?? "unknown";

/**
 * Log lines, one row each: what a person scans for (time, level, process, message, request),
 * and the whole line as JSON one click away (a native <details>, no script needed).
 */
export async function LogLines({ lines }: { lines: LogLineView[] }) {
  const [t, locale] = await Promise.all([getTranslations("logs"), getLocale()]);
  return (
    <ol className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white text-sm" aria-label={t("title")}>
      {lines.map((line) => (
        <li key={line.id} data-testid="log-line">
          <details className="group">
            <summary className="grid cursor-pointer grid-cols-[9.5rem_5rem_7rem_1fr] items-baseline gap-x-3 gap-y-1 px-3 py-2 hover:bg-slate-50 max-md:grid-cols-2">
              <time dateTime={line.time.toISOString()} className="font-mono text-xs text-slate-500">
                {formatDateTime(line.time, locale)}
              </time>
              <span>
                <Badge tone={LEVEL_TONE[line.level]}>{t(`levels.${line.level}`)}</Badge>
              </span>
              <span className="text-xs text-slate-600">
                {t(`roles.${roleKey(line.role)}`)}
                {line.pid !== null && <span className="font-mono text-slate-400"> · {line.pid}</span>}
              </span>
              <span className="min-w-0 space-x-2">
                <span className="font-medium text-slate-800">{line.msg}</span>
                {line.route && (
                  <span className="font-mono text-xs text-slate-600">
                    {line.route}
                    {line.status !== null && ` → ${line.status}`}
                    {line.durationMs !== null && ` · ${line.durationMs} ms`}
                  </span>
                )}
                {line.requestId && <RequestIdLink requestId={line.requestId} className="text-xs" />}
              </span>
            </summary>
            <div className="border-t border-slate-100 bg-slate-50 px-3 py-2">
              <h3 className="mb-1 text-xs font-medium text-slate-500">{t("fullLine")}</h3>
              <pre data-testid="log-line-json" className="overflow-x-auto whitespace-pre-wrap break-all font-mono text-xs text-slate-800">
                {JSON.stringify(line.line, null, 2)}
              </pre>
            </div>
          </details>
        </li>
      ))}
    </ol>
  );
}
