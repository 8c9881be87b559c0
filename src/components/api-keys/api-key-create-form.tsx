"use client";

import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslations } from "use-intl";
import { useErrorText } from "@/components/forms/error-text";
import { Button } from "@/components/ui/button";
import { SelectField, TextField } from "@/components/ui/field";
import { useTRPC } from "@/trpc/client";
import { errorData } from "@/trpc/types";
import { apiKeyErrorKey } from "./api-key-errors";

const EXPIRY_DAYS = { never: null, days30: 30, days90: 90, days365: 365 } as const;
type Expiry = keyof typeof EXPIRY_DAYS;
type AdminScope = "admin_read" | "admin_write";

/**
 * Name, (for admins) access and expiry of a new key. On success hands the secret up to be
 * shown once; the server already holds only its hash.
 */
export function ApiKeyCreateForm({
  mode,
  onCreated,
  onCancel,
}: {
  mode: "shopper" | "admin";
  onCreated: (created: { name: string; secret: string }) => void;
  onCancel: () => void;
}) {
  const t = useTranslations("apiKeys");
  const tc = useTranslations("common.actions");
  const trpc = useTRPC();
  const [name, setName] = useState("");
  const [scope, setScope] = useState<AdminScope>("admin_read");
  const [expiry, setExpiry] = useState<Expiry>("never");
  const onSuccess = (created: { key: { name: string }; secret: string }) => onCreated({ name: created.key.name, secret: created.secret });
  const shopperCreate = useMutation(trpc.apiKey.create.mutationOptions({ onSuccess }));
  const adminCreate = useMutation(trpc.adminApiKey.create.mutationOptions({ onSuccess }));
  const mutation = mode === "admin" ? adminCreate : shopperCreate;
  const error = mutation.error ? errorData(mutation.error) : undefined;
  const errorText = useErrorText();
  const nameError = errorText.of(mutation.error, "name");
  const expiryError = errorText.of(mutation.error, "expiresAt");

  function submit(event: React.FormEvent) {
    event.preventDefault();
    const days = EXPIRY_DAYS[expiry];
    const expiresAt = days === null ? null : new Date(Date.now() + days * 86_400_000);
    if (mode === "admin") adminCreate.mutate({ name, scope, expiresAt });
    else shopperCreate.mutate({ name, expiresAt });
  }

  return (
    <form onSubmit={submit} aria-labelledby="api-key-create-title" className="space-y-4 rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
      <h2 id="api-key-create-title" className="font-semibold">
        {t("createTitle")}
      </h2>
      <TextField label={t("fields.name")} hint={t("fields.nameHint")} value={name} onChange={(e) => setName(e.target.value)} required maxLength={60} error={nameError} />
      {mode === "admin" && (
        <SelectField label={t("fields.scope")} value={scope} onChange={(e) => setScope(e.target.value as AdminScope)}>
          <option value="admin_read">{t("scope.admin_read")}</option>
          <option value="admin_write">{t("scope.admin_write")}</option>
        </SelectField>
      )}
      <SelectField label={t("fields.expiry")} value={expiry} onChange={(e) => setExpiry(e.target.value as Expiry)} error={expiryError}>
        {(Object.keys(EXPIRY_DAYS) as Expiry[]).map((option) => (
          <option key={option} value={option}>
            {t(`expiry.${option}`)}
          </option>
        ))}
      </SelectField>
      {error && !error.fieldErrors && (
        <p role="alert" className="rounded-md bg-rose-50 p-3 text-sm text-rose-700">
          {t(apiKeyErrorKey(error.domainCode), { limit: Number(error.params?.limit ?? 20) })}
        </p>
      )}
      <div className="flex gap-2">
        <Button type="submit" disabled={mutation.isPending}>
          {t("create")}
        </Button>
        <Button type="button" variant="secondary" onClick={onCancel}>
          {tc("cancel")}
        </Button>
      </div>
    </form>
  );
}
