"use client";

import { useTranslations } from "use-intl";
import { TextField } from "@/components/ui/field";
import type { AddressView } from "@/trpc/types";

export const ADDRESS_FIELDS = ["recipient", "phone", "province", "city", "district", "detail"] as const;
export type AddressFieldName = (typeof ADDRESS_FIELDS)[number];
export type AddressDraft = Record<AddressFieldName, string>;

/** The address inputs of a FormData, as the address procedures take them. */
export function readAddressFields(form: FormData): AddressDraft {
  const entries = ADDRESS_FIELDS.map((name) => [name, String(form.get(name) ?? "")] as const);
  return Object.fromEntries(entries) as AddressDraft;
}

/**
 * The six address inputs with their errors next to them. Which fields are wrong comes from the
 * procedure's `fieldErrors`; the words come from the translations, so they follow the language.
 */
export function AddressFields({
  initial,
  fieldErrors,
  disabled,
}: {
  initial?: Partial<AddressView>;
  fieldErrors?: Record<string, string[] | undefined>;
  disabled?: boolean;
}) {
  const t = useTranslations("shop.addressForm");
  const error = (name: AddressFieldName) => (fieldErrors?.[name]?.length ? t(`errors.${name}`) : undefined);
  const field = (name: AddressFieldName, extra: React.InputHTMLAttributes<HTMLInputElement> = {}) => (
    <TextField
      key={name}
      label={t(name)}
      name={name}
      defaultValue={initial?.[name] ?? ""}
      error={error(name)}
      disabled={disabled}
      required
      {...extra}
    />
  );
  return (
    <div className="grid gap-4 sm:grid-cols-2">
      {field("recipient", { autoComplete: "name", maxLength: 40 })}
      {field("phone", { type: "tel", autoComplete: "tel", maxLength: 20 })}
      {field("province", { autoComplete: "address-level1", maxLength: 40 })}
      {field("city", { autoComplete: "address-level2", maxLength: 40 })}
      {field("district", { autoComplete: "address-level3", maxLength: 40 })}
      {field("detail", { autoComplete: "street-address", maxLength: 200, className: "sm:col-span-2" })}
    </div>
  );
}
