"use client";

import Link from "next/link";
import { useTranslations } from "use-intl";
import { buttonClass } from "@/components/ui/button";
import { cn } from "@/lib/cn";

/**
 * The admin list filters: a plain GET form, so every filtered view is a URL that can be
 * shared and reloaded. Every admin list says "Apply filters" and "Clear filters" in the same
 * words (common.listFilters), so the buttons take no labels of their own.
 */
export function FilterForm({
  label,
  action,
  className,
  children,
}: {
  /** Accessible name of the form, e.g. "Filter payments". */
  label: string;
  /** The list's own path; "Clear filters" links back to it without parameters. */
  action: string;
  /** Grid columns for the fields, e.g. "md:grid-cols-4". */
  className?: string;
  children: React.ReactNode;
}) {
  const t = useTranslations("common.listFilters");
  return (
    <form role="search" aria-label={label} action={action} className={cn("grid grid-cols-2 gap-3 rounded-lg border border-slate-200 bg-white p-4", className)}>
      {children}
      <div className="flex items-end gap-2">
        <button type="submit" data-testid="filters-apply" className={buttonClass("primary")}>
          {t("apply")}
        </button>
        <Link href={action} data-testid="filters-clear" className={buttonClass("ghost")}>
          {t("clear")}
        </Link>
      </div>
    </form>
  );
}

const FIELD = "w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm";

function FilterLabel({ label, className, children }: { label: string; className?: string; children: React.ReactNode }) {
  return (
    <label className={cn("text-sm", className)}>
      <span className="mb-1 block font-medium text-slate-700">{label}</span>
      {children}
    </label>
  );
}

export function FilterInput({
  label,
  name,
  defaultValue,
  type = "text",
  inputMode,
  className,
}: {
  label: string;
  name: string;
  defaultValue?: string;
  type?: "text" | "date" | "search" | "datetime-local";
  inputMode?: "decimal" | "text";
  className?: string;
}) {
  return (
    <FilterLabel label={label} className={className}>
      <input name={name} type={type} inputMode={inputMode} defaultValue={defaultValue ?? ""} className={FIELD} autoComplete="off" />
    </FilterLabel>
  );
}

/** A select whose first option, labelled `anyLabel`, means "no filter". */
export function FilterSelect({
  label,
  name,
  defaultValue,
  anyLabel,
  options,
  className,
}: {
  label: string;
  name: string;
  defaultValue?: string;
  anyLabel?: string;
  options: { value: string; label: string }[];
  className?: string;
}) {
  return (
    <FilterLabel label={label} className={className}>
      <select name={name} defaultValue={defaultValue ?? ""} className={FIELD}>
        {anyLabel !== undefined && <option value="">{anyLabel}</option>}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </FilterLabel>
  );
}
