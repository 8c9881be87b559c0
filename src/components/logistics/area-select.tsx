"use client";

import { useQuery } from "@tanstack/react-query";
import { useTranslations } from "use-intl";
import { SelectField } from "@/components/ui/field";
import { useTRPC } from "@/trpc/client";

export type AreaValue = { province: string; city: string; district?: string };

type Level = "province" | "city" | "district";

/**
 * Province → city (→ district) selects fed by the administrative-division data, one level at a
 * time. Choosing a level clears the ones below it, so a city never stays under another province.
 * With `names` the selects take part in the surrounding form's FormData.
 */
export function AreaSelect({
  value,
  onChange,
  labels,
  withDistrict = false,
  districtOptional = false,
  error,
  errors,
  names,
  choose,
  disabled,
  required,
}: {
  value: AreaValue;
  onChange: (value: AreaValue) => void;
  labels: { province: string; city: string; district?: string };
  withDistrict?: boolean;
  districtOptional?: boolean;
  /** An error for the place as a whole, shown under the province. */
  error?: string | string[];
  /** Errors per level (an address form's field errors). */
  errors?: Partial<Record<Level, string | undefined>>;
  names?: Partial<Record<Level, string>>;
  /** The empty choice's text; the admin pages' "Choose…" by default. */
  choose?: string;
  disabled?: boolean;
  required?: boolean;
}) {
  const t = useTranslations("logistics.admin.calculator");
  const trpc = useTRPC();
  const provinces = useQuery(trpc.logistics.areas.queryOptions({}));
  const cities = useQuery({ ...trpc.logistics.areas.queryOptions({ province: value.province }), enabled: Boolean(value.province) });
  const districts = useQuery({ ...trpc.logistics.areas.queryOptions({ province: value.province, city: value.city }), enabled: withDistrict && Boolean(value.city) });
  const empty = choose ?? t("choose");
  return (
    <>
      <SelectField
        label={labels.province}
        name={names?.province}
        value={value.province}
        onChange={(e) => onChange({ province: e.target.value, city: "", district: "" })}
        error={errors?.province ?? error}
        disabled={disabled}
        required={required}
      >
        <option value="">{empty}</option>
        {(provinces.data ?? (value.province ? [value.province] : [])).map((p) => (
          <option key={p} value={p}>
            {p}
          </option>
        ))}
      </SelectField>
      <SelectField
        label={labels.city}
        name={names?.city}
        value={value.city}
        onChange={(e) => onChange({ ...value, city: e.target.value, district: "" })}
        error={errors?.city}
        disabled={disabled || !value.province}
        required={required}
      >
        <option value="">{empty}</option>
        {(cities.data ?? (value.city ? [value.city] : [])).map((c) => (
          <option key={c} value={c}>
            {c}
          </option>
        ))}
      </SelectField>
      {withDistrict && labels.district && (
        <SelectField
          label={labels.district}
          name={names?.district}
          value={value.district ?? ""}
          onChange={(e) => onChange({ ...value, district: e.target.value })}
          error={errors?.district}
          disabled={disabled || !value.city}
          required={required && !districtOptional}
        >
          <option value="">{districtOptional ? "—" : empty}</option>
          {(districts.data ?? (value.district ? [value.district] : [])).map((d) => (
            <option key={d} value={d}>
              {d}
            </option>
          ))}
        </SelectField>
      )}
    </>
  );
}
