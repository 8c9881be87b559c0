"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { useLocale, useTranslations } from "use-intl";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { DataTable, type Column } from "@/components/ui/data-table";
import { formatDateTime } from "@/lib/dates";
import { useTRPC } from "@/trpc/client";
import { errorData, type ApiKeyView } from "@/trpc/types";
import { ApiKeyCreateForm } from "./api-key-create-form";
import { apiKeyErrorKey } from "./api-key-errors";
import { ApiKeySecret } from "./api-key-secret";

const STATUS_TONE = { active: "success", expired: "warning", revoked: "neutral" } as const;

/**
 * A user's API keys (admins: every admin key): the list, a create form whose secret is shown
 * once, and revoke with a confirmation. The list comes from the server page and is reloaded
 * with router.refresh() after each change.
 */
export function ApiKeyManager({ keys, mode }: { keys: ApiKeyView[]; mode: "shopper" | "admin" }) {
  const t = useTranslations("apiKeys");
  const tc = useTranslations("common.actions");
  const locale = useLocale();
  const trpc = useTRPC();
  const router = useRouter();
  const [refreshing, startRefresh] = useTransition();
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<{ name: string; secret: string } | null>(null);
  const [confirming, setConfirming] = useState<string | null>(null);
  const [notice, setNotice] = useState(false);
  const refresh = () => startRefresh(() => router.refresh());
  const onRevoked = () => {
    setConfirming(null);
    setNotice(true);
    refresh();
  };
  const shopperRevoke = useMutation(trpc.apiKey.revoke.mutationOptions({ onSuccess: onRevoked }));
  const adminRevoke = useMutation(trpc.adminApiKey.revoke.mutationOptions({ onSuccess: onRevoked }));
  const revoke = mode === "admin" ? adminRevoke : shopperRevoke;
  const date = (value: Date | null, none: string) => (value ? formatDateTime(value, locale) : none);

  const columns: Column<ApiKeyView>[] = [
    { id: "name", header: t("fields.name"), cell: (key) => <span className="font-medium">{key.name}</span> },
    { id: "prefix", header: t("fields.prefix"), cell: (key) => <code className="font-mono text-xs">{key.prefix}…</code> },
    { id: "scope", header: t("fields.scope"), cell: (key) => t(`scope.${key.scope}`) },
    ...(mode === "admin" ? [{ id: "owner", header: t("fields.owner"), cell: (key: ApiKeyView) => key.owner.name }] : []),
    { id: "created", header: t("fields.created"), cell: (key) => date(key.createdAt, "") },
    { id: "lastUsed", header: t("fields.lastUsed"), cell: (key) => date(key.lastUsedAt, t("neverUsed")) },
    { id: "expiry", header: t("fields.expiry"), cell: (key) => date(key.expiresAt, t("noExpiry")) },
    { id: "status", header: t("fields.status"), cell: (key) => <Badge tone={STATUS_TONE[key.status]}>{t(`status.${key.status}`)}</Badge> },
    {
      id: "actions",
      header: t("fields.actions"),
      cell: (key) =>
        key.status === "revoked" ? null : confirming === key.id ? (
          <div role="group" aria-label={t("revokeQuestion", { name: key.name })} className="flex flex-wrap items-center gap-2">
            <span className="text-xs">{t("revokeQuestion", { name: key.name })}</span>
            <Button type="button" variant="danger" className="py-1" disabled={revoke.isPending || refreshing} onClick={() => revoke.mutate({ id: key.id })}>
              {t("revokeConfirm")}
            </Button>
            <Button type="button" variant="secondary" className="py-1" onClick={() => setConfirming(null)}>
              {tc("cancel")}
            </Button>
          </div>
        ) : (
          <Button
            type="button"
            variant="ghost"
            className="py-1 text-rose-700"
            onClick={() => {
              setNotice(false);
              setConfirming(key.id);
            }}
          >
            {t("revoke")}
          </Button>
        ),
    },
  ];

  return (
    <div className="space-y-4">
      {notice && (
        <p role="status" className="rounded-md bg-emerald-50 p-3 text-sm text-emerald-800">
          {t("revokedNotice")}
        </p>
      )}
      {revoke.isError && (
        <p role="alert" className="rounded-md bg-rose-50 p-3 text-sm text-rose-700">
          {t(apiKeyErrorKey(errorData(revoke.error).domainCode), { limit: 0 })}
        </p>
      )}
      {created ? (
        <ApiKeySecret name={created.name} secret={created.secret} onDone={() => setCreated(null)} />
      ) : creating ? (
        <ApiKeyCreateForm
          mode={mode}
          onCancel={() => setCreating(false)}
          onCreated={(key) => {
            setCreating(false);
            setCreated(key);
            refresh();
          }}
        />
      ) : (
        <Button
          type="button"
          onClick={() => {
            setNotice(false);
            setCreating(true);
          }}
        >
          {t("create")}
        </Button>
      )}
      <div aria-busy={refreshing}>
        <DataTable label={t("list")} rows={keys} rowKey={(key) => key.id} columns={columns} empty={t("empty")} />
      </div>
    </div>
  );
}
