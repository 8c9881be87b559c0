"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { useLocale, useTranslations } from "use-intl";
import { Button } from "@/components/ui/button";
import { formatDateTime } from "@/lib/dates";
import { useTRPC } from "@/trpc/client";
import { errorData, type RouterOutputs } from "@/trpc/types";
import { userErrorKey } from "./user-errors";

type AdminUser = RouterOutputs["adminUsers"]["byId"];
type Pending = { kind: "role" } | { kind: "disable" } | null;

/**
 * Role, disable/enable and the reset link for one account. Changes that take something away
 * (demote, disable) ask first; the server refuses them for oneself and the last admin (409),
 * and that refusal is shown in the reader's language.
 */
export function UserAccessActions({ user, isSelf }: { user: AdminUser; isSelf: boolean }) {
  const t = useTranslations("users");
  const locale = useLocale();
  const trpc = useTRPC();
  const router = useRouter();
  const [refreshing, startRefresh] = useTransition();
  const [confirming, setConfirming] = useState<Pending>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const done = (message: string) => {
    setConfirming(null);
    setNotice(message);
    startRefresh(() => router.refresh());
  };
  const setRole = useMutation(trpc.adminUsers.setRole.mutationOptions({ onSuccess: () => done(t("notices.roleChanged")) }));
  const disable = useMutation(trpc.adminUsers.disable.mutationOptions({ onSuccess: () => done(t("notices.disabled")) }));
  const enable = useMutation(trpc.adminUsers.enable.mutationOptions({ onSuccess: () => done(t("notices.enabled")) }));
  const resetLink = useMutation(
    trpc.adminUsers.createResetLink.mutationOptions({ onSuccess: ({ expiresAt }) => done(t("notices.resetLink", { when: formatDateTime(expiresAt, locale) })) }),
  );
  const failed = [setRole, disable, enable, resetLink].find((m) => m.isError);
  const busy = setRole.isPending || disable.isPending || enable.isPending || resetLink.isPending || refreshing;
  const otherRole = user.role === "admin" ? "shopper" : "admin";
  const clear = () => {
    setNotice(null);
    for (const m of [setRole, disable, enable, resetLink]) m.reset();
  };

  return (
    <section aria-labelledby="user-access" className="space-y-3 rounded-lg border border-slate-200 bg-white p-4">
      <h2 id="user-access" className="font-semibold">
        {t("actions.title")}
      </h2>
      {notice && (
        <p role="status" className="rounded-md bg-emerald-50 p-3 text-sm text-emerald-800">
          {notice}
        </p>
      )}
      {failed && (
        <p role="alert" className="rounded-md bg-rose-50 p-3 text-sm text-rose-700">
          {t(userErrorKey(errorData(failed.error).domainCode))}
        </p>
      )}
      {confirming?.kind === "role" ? (
        <div role="group" aria-label={t("actions.roleQuestion", { name: user.name, role: t(`roles.${otherRole}`) })} className="flex flex-wrap items-center gap-2">
          <span className="text-sm">{t("actions.roleQuestion", { name: user.name, role: t(`roles.${otherRole}`) })}</span>
          <Button type="button" disabled={busy} onClick={() => setRole.mutate({ id: user.id, role: otherRole })}>
            {t("actions.roleConfirm")}
          </Button>
          <Button type="button" variant="secondary" onClick={() => setConfirming(null)}>
            {t("actions.cancel")}
          </Button>
        </div>
      ) : confirming?.kind === "disable" ? (
        <div role="group" aria-label={t("actions.disableQuestion", { name: user.name })} className="flex flex-wrap items-center gap-2">
          <span className="text-sm">{t("actions.disableQuestion", { name: user.name })}</span>
          <Button type="button" variant="danger" disabled={busy} onClick={() => disable.mutate({ id: user.id })}>
            {t("actions.disableConfirm")}
          </Button>
          <Button type="button" variant="secondary" onClick={() => setConfirming(null)}>
            {t("actions.cancel")}
          </Button>
        </div>
      ) : (
        <div className="flex flex-wrap gap-2">
          <Button
            type="button"
            variant="secondary"
            disabled={busy}
            onClick={() => {
              clear();
              setConfirming({ kind: "role" });
            }}
          >
            {user.role === "admin" ? t("actions.makeShopper") : t("actions.makeAdmin")}
          </Button>
          {user.disabledAt ? (
            <Button
              type="button"
              variant="secondary"
              disabled={busy}
              onClick={() => {
                clear();
                enable.mutate({ id: user.id });
              }}
            >
              {t("actions.enable")}
            </Button>
          ) : (
            <Button
              type="button"
              variant="danger"
              disabled={busy}
              onClick={() => {
                clear();
                setConfirming({ kind: "disable" });
              }}
            >
              {t("actions.disable")}
            </Button>
          )}
          {!isSelf && (
            <Button
              type="button"
              variant="ghost"
              disabled={busy}
              onClick={() => {
                clear();
                resetLink.mutate({ id: user.id });
              }}
            >
              {t("actions.resetLink")}
            </Button>
          )}
        </div>
      )}
      <p className="text-xs text-slate-500">{t("actions.resetLinkHint")}</p>
    </section>
  );
}
