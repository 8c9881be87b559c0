"use client";

import { useQuery } from "@tanstack/react-query";
import { useTranslations } from "use-intl";
import { SelectField } from "@/components/ui/field";
import { useTRPC } from "@/trpc/client";

export type AreaValue = { province: string; city: string; district?: string };

/** Province → city (→ district) selects fed by the administrative-division data, one level at a time. */
export function AreaSelect({
  value,
  onChange,
  labels,
  withDistrict = false,
  districtOptional = false,
  error,
}: {
  value: AreaValue;
  onChange: (value: AreaValue) => void;
  labels: { province: string; city: string; district?: string };
  withDistrict?: boolean;
  districtOptional?: boolean;
  error?: string[];
}) {
  const t = useTranslations("logistics.admin.calculator");
  const trpc = useTRPC();
  const provinces = useQuery(trpc.logistics.areas.queryOptions({}));
  const cities = useQuery({ ...trpc.logistics.areas.queryOptions({ province: value.province }), enabled: Boolean(value.province) });
  const districts = useQuery({ ...trpc.logistics.areas.queryOptions({ province: value.province, city: value.city }), enabled: withDistrict && Boolean(value.city) });
  return (
    <>
      <SelectField label={labels.province} value={value.province} onChange={(e) => onChange({ province: e.target.value, city: "", district: "" })} error={error}>
        <option value="">{t("choose")}</option>
        {(provinces.data ?? (value.province ? [value.province] : [])).map((p) => (
          <option key={p} value={p}>
            {p}
          </option>
        ))}
      </SelectField>
      <SelectField label={labels.city} value={value.city} onChange={(e) => onChange({ ...value, city: e.target.value, district: "" })} disabled={!value.province}>
        <option value="">{t("choose")}</option>
        {(cities.data ?? (value.city ? [value.city] : [])).map((c) => (
          <option key={c} value={c}>
            {c}
          </option>
        ))}
      </SelectField>
      {withDistrict && labels.district && (
        <SelectField label={labels.district} value={value.district ?? ""} onChange={(e) => onChange({ ...value, district: e.target.value })} disabled={!value.city}>
          <option value="">{districtOptional ? "—" : t("choose")}</option>
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
