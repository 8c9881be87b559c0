"use client";

import { useEffect, useId, useRef } from "react";
import { useTranslations } from "use-intl";
import { Button } from "./button";

/**
 * Asks before an action that cannot be undone, naming what it does — for money, the amount as
 * money ("Refund ¥12.50?"). A modal <dialog>: focus moves into it, Escape or "Go back" closes it
 * without acting, and the confirm button stays disabled while the action runs.
 */
export function ConfirmDialog({
  open,
  title,
  body,
  amount,
  confirmLabel,
  tone = "danger",
  pending = false,
  error,
  onConfirm,
  onClose,
}: {
  open: boolean;
  title: string;
  body?: React.ReactNode;
  /** The amount the action moves, already formatted as money; shown on its own line. */
  amount?: string;
  confirmLabel: string;
  tone?: "danger" | "primary";
  pending?: boolean;
  error?: string | null;
  onConfirm: () => void;
  onClose: () => void;
}) {
  const t = useTranslations("orderHub.confirm");
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);
  return (
    <dialog
      ref={ref}
      aria-labelledby={titleId}
      onClose={onClose}
      className="m-auto w-[min(28rem,calc(100vw-2rem))] rounded-lg border border-slate-200 p-0 shadow-xl backdrop:bg-slate-900/40"
    >
      <div className="space-y-4 p-5">
        <h2 id={titleId} className="text-lg font-semibold">
          {title}
        </h2>
        {amount && (
          <div>
            <p className="text-sm text-slate-600">{t("amount")}</p>
            <p className="text-2xl font-semibold text-slate-900" data-testid="confirm-amount">
              {amount}
            </p>
          </div>
        )}
        {body && <div className="text-sm text-slate-700">{body}</div>}
        {error && (
          <p role="alert" className="text-sm text-rose-700">
            {error}
          </p>
        )}
        <div className="flex flex-wrap justify-end gap-2">
          <Button type="button" variant="secondary" onClick={onClose} disabled={pending}>
            {t("cancel")}
          </Button>
          <Button type="button" variant={tone} onClick={onConfirm} disabled={pending} autoFocus>
            {confirmLabel}
          </Button>
        </div>
      </div>
    </dialog>
  );
}
