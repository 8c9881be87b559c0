import { DataTable } from "@/components/ui/data-table";
import { getLocale, getTranslations } from "@/i18n/server";
import { formatDateTime } from "@/lib/dates";
import type { RouterOutputs } from "@/trpc/types";

type UserEvent = RouterOutputs["adminUsers"]["events"][number];

/** An account's audit trail: when, who, what changed (before → after), in the reader's language. */
export async function UserHistory({ events }: { events: UserEvent[] }) {
  const [t, locale] = await Promise.all([getTranslations("users"), getLocale()]);
  const role = (value: unknown) => (value === "admin" || value === "shopper" ? t(`roles.${value}`) : String(value ?? ""));
  const detail = (event: UserEvent): string => {
    const { before, after } = event;
    if (event.type === "role_changed") return t("history.roleChange", { from: role(before.role), to: role(after.role) });
    if (event.type === "created") return role(after.role);
    if (event.type === "password_reset_link_created" && typeof after.expiresAt === "string") {
      return t("history.validUntil", { when: formatDateTime(after.expiresAt, locale) });
    }
    const ended = after.sessionsEnded ?? after.otherSessionsEnded;
    return typeof ended === "number" ? t("history.sessionsEnded", { count: ended }) : "";
  };
  const who = (event: UserEvent) => {
    if (!event.actor) return event.type === "password_reset" ? t("history.themselves") : t("history.commandLine");
    return `${event.actor.name} (${event.actor.email})`;
  };
  return (
    <section aria-labelledby="user-history" className="space-y-3">
      <h2 id="user-history" className="font-semibold">
        {t("history.title")}
      </h2>
      <DataTable
        label={t("history.title")}
        rows={events}
        rowKey={(e) => String(e.id)}
        empty={t("history.empty")}
        columns={[
          { id: "when", header: t("history.when"), cell: (e) => formatDateTime(e.createdAt, locale) },
          { id: "who", header: t("history.who"), cell: who },
          {
            id: "what",
            header: t("history.what"),
            cell: (e) => (
              <span>
                <span className="font-medium">{t(`history.types.${e.type}`)}</span>
                {detail(e) && <span className="text-slate-600"> · {detail(e)}</span>}
              </span>
            ),
          },
        ]}
      />
    </section>
  );
}
