"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { useTranslations } from "use-intl";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/states";
import { useTRPC } from "@/trpc/client";
import type { AddressView } from "@/trpc/types";
import { AddressForm } from "./address-form";
import { AddressText } from "./address-text";

type Notice = "saved" | "deletedNotice" | "defaultNotice";

/** The shopper's address book: list, add, edit, delete (with a confirmation) and choose the default. */
export function AddressBook({ addresses }: { addresses: AddressView[] }) {
  const t = useTranslations("shop.addresses");
  const tc = useTranslations("common.actions");
  const trpc = useTRPC();
  const router = useRouter();
  const [refreshing, startRefresh] = useTransition();
  const [editing, setEditing] = useState<string | "new" | null>(null);
  const [confirming, setConfirming] = useState<string | null>(null);
  const [notice, setNotice] = useState<Notice | null>(null);
  const done = (message: Notice) => {
    setEditing(null);
    setConfirming(null);
    setNotice(message);
    startRefresh(() => router.refresh());
  };
  const remove = useMutation(trpc.address.remove.mutationOptions({ onSuccess: () => done("deletedNotice") }));
  const setDefault = useMutation(trpc.address.setDefault.mutationOptions({ onSuccess: () => done("defaultNotice") }));
  const busy = remove.isPending || setDefault.isPending || refreshing;

  return (
    <div className="space-y-4">
      {notice && (
        <p role="status" className="rounded-md bg-emerald-50 p-3 text-sm text-emerald-800">
          {t(notice)}
        </p>
      )}
      {(remove.isError || setDefault.isError) && (
        <p role="alert" className="rounded-md bg-rose-50 p-3 text-sm text-rose-700">
          {t("failed")}
        </p>
      )}
      {editing === "new" ? (
        <AddressForm onSaved={() => done("saved")} onCancel={() => setEditing(null)} />
      ) : (
        <Button
          type="button"
          onClick={() => {
            setNotice(null);
            setEditing("new");
          }}
        >
          {t("add")}
        </Button>
      )}
      {addresses.length === 0 ? (
        <EmptyState title={t("empty")} />
      ) : (
        <ul aria-label={t("list")} aria-busy={busy} className="grid gap-4 md:grid-cols-2">
          {addresses.map((address) =>
            editing === address.id ? (
              <li key={address.id} className="md:col-span-2">
                <AddressForm address={address} onSaved={() => done("saved")} onCancel={() => setEditing(null)} />
              </li>
            ) : (
              <li key={address.id} className="space-y-3 rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
                <div className="flex items-start justify-between gap-2">
                  <AddressText address={address} />
                  {address.isDefault && <Badge tone="info">{t("default")}</Badge>}
                </div>
                {confirming === address.id ? (
                  <div role="group" aria-label={t("deleteQuestion")} className="flex flex-wrap items-center gap-2 text-sm">
                    <span>{t("deleteQuestion")}</span>
                    <Button type="button" variant="danger" className="py-1" disabled={busy} onClick={() => remove.mutate({ id: address.id })}>
                      {t("deleteConfirm")}
                    </Button>
                    <Button type="button" variant="secondary" className="py-1" onClick={() => setConfirming(null)}>
                      {tc("cancel")}
                    </Button>
                  </div>
                ) : (
                  <div className="flex flex-wrap gap-2">
                    <Button
                      type="button"
                      variant="secondary"
                      className="py-1"
                      onClick={() => {
                        setNotice(null);
                        setEditing(address.id);
                      }}
                    >
                      {t("edit")}
                    </Button>
                    {!address.isDefault && (
                      <Button
                        type="button"
                        variant="secondary"
                        className="py-1"
                        disabled={busy}
                        onClick={() => setDefault.mutate({ id: address.id })}
                      >
                        {t("setDefault")}
                      </Button>
                    )}
                    <Button
                      type="button"
                      variant="ghost"
                      className="py-1 text-rose-700"
                      onClick={() => setConfirming(address.id)}
                    >
                      {t("delete")}
                    </Button>
                  </div>
                )}
              </li>
            ),
          )}
        </ul>
      )}
    </div>
  );
}
