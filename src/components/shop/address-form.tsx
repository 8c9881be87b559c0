"use client";

import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslations } from "use-intl";
import { fieldIssuesOf } from "@/components/forms/error-text";
import { Button } from "@/components/ui/button";
import { useTRPC } from "@/trpc/client";
import type { FieldIssues } from "@/lib/validation/field-issue";
import type { AddressView } from "@/trpc/types";
import { AddressFields, checkAddressFields, readAddressFields } from "./address-fields";

/** Creates an address, or edits `address` when given; field errors appear next to each field. */
export function AddressForm({ address, onSaved, onCancel }: { address?: AddressView; onSaved: () => void; onCancel: () => void }) {
  const t = useTranslations("shop.addresses");
  const tf = useTranslations("shop.addressForm");
  const tc = useTranslations("common.actions");
  const trpc = useTRPC();
  const create = useMutation(trpc.address.create.mutationOptions({ onSuccess: onSaved }));
  const update = useMutation(trpc.address.update.mutationOptions({ onSuccess: onSaved }));
  const mutation = address ? update : create;
  // The form's own check of the last submit; the server's answer when the form found nothing.
  const [ownIssues, setOwnIssues] = useState<FieldIssues>();
  const issues = ownIssues ?? fieldIssuesOf(mutation.error);
  const title = address ? t("editTitle") : t("newTitle");

  function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const draft = readAddressFields(form);
    const found = checkAddressFields(draft);
    setOwnIssues(found);
    if (found) return;
    const input = { ...draft, isDefault: form.get("isDefault") === "on" };
    if (address) update.mutate({ id: address.id, ...input });
    else create.mutate(input);
  }

  return (
    <form onSubmit={onSubmit} noValidate aria-label={title} className="space-y-4 rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
      <h2 className="font-medium">{title}</h2>
      <AddressFields initial={address} issues={issues} disabled={mutation.isPending} />
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" name="isDefault" defaultChecked={address?.isDefault ?? false} className="h-4 w-4" />
        {tf("isDefault")}
      </label>
      {mutation.isError && !issues && (
        <p role="alert" className="rounded-md bg-rose-50 p-3 text-sm text-rose-700">
          {t("failed")}
        </p>
      )}
      <div className="flex gap-2">
        <Button type="submit" disabled={mutation.isPending}>
          {tc("save")}
        </Button>
        <Button type="button" variant="secondary" onClick={onCancel}>
          {tc("cancel")}
        </Button>
      </div>
    </form>
  );
}
