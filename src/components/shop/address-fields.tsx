"use client";

import { useState } from "react";
import { useTranslations } from "use-intl";
import { useErrorText } from "@/components/forms/error-text";
import { AreaSelect } from "@/components/logistics/area-select";
import { TextField } from "@/components/ui/field";
import type { FieldIssues } from "@/lib/validation/field-issue";
import { ADDRESS_RULES, checkFields } from "@/lib/validation/text-rules";
import type { AddressView } from "@/trpc/types";

export const ADDRESS_FIELDS = ["recipient", "phone", "province", "city", "district", "detail"] as const;
export type AddressFieldName = (typeof ADDRESS_FIELDS)[number];
export type AddressDraft = Record<AddressFieldName, string>;

/** Province, city and district of an address, as picked from the division lists. */
export type AddressArea = { province: string; city: string; district: string };
export const EMPTY_AREA: AddressArea = { province: "", city: "", district: "" };

/** True once all three levels are picked: enough to quote delivery. */
export function isCompleteArea(area: AddressArea): boolean {
  return Boolean(area.province && area.city && area.district);
}

/** The address inputs of a FormData, as the address procedures take them. */
export function readAddressFields(form: FormData): AddressDraft {
  const entries = ADDRESS_FIELDS.map((name) => [name, String(form.get(name) ?? "")] as const);
  return Object.fromEntries(entries) as AddressDraft;
}

/** What is wrong with an address draft by the rules the server enforces, before sending it. */
export function checkAddressFields(draft: AddressDraft): FieldIssues | undefined {
  return checkFields(draft, ADDRESS_RULES);
}

/**
 * The address inputs with their errors next to them. Province, city and district are picked
 * from the administrative divisions (cascading selects), never typed: their names decide the
 * delivery zone and fee, so a typo must not be possible. Pass `area` and `onAreaChange` to
 * follow the picked place from outside (checkout quotes delivery as soon as it is complete).
 * What is wrong with a field comes as an issue code (from the form's own check or the
 * procedure's `fieldIssues`); the words come from the catalogs, so they follow the language.
 */
export function AddressFields({
  initial,
  issues,
  disabled,
  area: controlledArea,
  onAreaChange,
}: {
  initial?: Partial<AddressView>;
  issues?: FieldIssues;
  disabled?: boolean;
  area?: AddressArea;
  onAreaChange?: (area: AddressArea) => void;
}) {
  const t = useTranslations("shop.addressForm");
  const errorText = useErrorText();
  const [ownArea, setOwnArea] = useState<AddressArea>(() => ({
    province: initial?.province ?? "",
    city: initial?.city ?? "",
    district: initial?.district ?? "",
  }));
  const area = controlledArea ?? ownArea;
  const error = (name: AddressFieldName) => errorText.field(issues?.[name]);
  // Province, city and district are picked, not typed: whatever is wrong, the remedy is to pick one.
  const areaError = (name: "province" | "city" | "district") => (issues?.[name]?.length ? t(`errors.${name}`) : undefined);
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
      {field("recipient", { autoComplete: "name", maxLength: ADDRESS_RULES.recipient.max })}
      {field("phone", { type: "tel", autoComplete: "tel", maxLength: ADDRESS_RULES.phone.max })}
      <AreaSelect
        value={area}
        onChange={(next) => {
          const picked = { province: next.province, city: next.city, district: next.district ?? "" };
          setOwnArea(picked);
          onAreaChange?.(picked);
        }}
        withDistrict
        labels={{ province: t("province"), city: t("city"), district: t("district") }}
        names={{ province: "province", city: "city", district: "district" }}
        errors={{ province: areaError("province"), city: areaError("city"), district: areaError("district") }}
        choose={t("choose")}
        disabled={disabled}
        required
      />
      {field("detail", { autoComplete: "street-address", maxLength: ADDRESS_RULES.detail.max, className: "sm:col-span-2" })}
    </div>
  );
}
