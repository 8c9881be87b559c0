"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useTranslations } from "use-intl";
import { fieldIssuesOf, useErrorText } from "@/components/forms/error-text";
import { Button } from "@/components/ui/button";
import { SelectField, TextField } from "@/components/ui/field";
import { useTRPC } from "@/trpc/client";
import { AreaSelect, type AreaValue } from "../area-select";

export type CourierFormValue = { id?: string; carrierId: string; name: string; phone: string; province: string; city: string; district: string | null; status: "active" | "off_duty" };

/** Create or edit a courier: carrier, name, mobile, service area (city, or one district) and duty status. */
export function CourierForm({ initial, carriers }: { initial?: CourierFormValue; carriers: { id: string; label: string }[] }) {
  const t = useTranslations("logistics.admin.couriers");
  const trpc = useTRPC();
  const router = useRouter();
  const [area, setArea] = useState<AreaValue>({ province: initial?.province ?? "", city: initial?.city ?? "", district: initial?.district ?? "" });
  const done = { onSuccess: () => router.push("/admin/couriers") };
  const create = useMutation(trpc.adminCarriers.createCourier.mutationOptions(done));
  const update = useMutation(trpc.adminCarriers.updateCourier.mutationOptions(done));
  const mutation = initial?.id ? update : create;
  const errorText = useErrorText();
  const err = (name: string) => errorText.of(mutation.error, name);

  function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const value = {
      carrierId: String(form.get("carrierId") ?? ""),
      name: String(form.get("name") ?? ""),
      phone: String(form.get("phone") ?? ""),
      province: area.province,
      city: area.city,
      district: area.district || null,
      status: String(form.get("status")) as "active" | "off_duty",
    };
    if (initial?.id) update.mutate({ ...value, id: initial.id });
    else create.mutate(value);
  }

  return (
    <form onSubmit={onSubmit} noValidate className="grid max-w-3xl gap-4 rounded-lg border border-slate-200 bg-white p-5 sm:grid-cols-2">
      <SelectField name="carrierId" label={t("fields.carrier")} defaultValue={initial?.carrierId ?? carriers[0]?.id} error={err("carrierId")}>
        {carriers.map((c) => (
          <option key={c.id} value={c.id}>
            {c.label}
          </option>
        ))}
      </SelectField>
      <TextField name="name" label={t("fields.name")} defaultValue={initial?.name} required error={err("name")} />
      <TextField name="phone" label={t("fields.phone")} defaultValue={initial?.phone} inputMode="tel" required error={err("phone")} />
      <SelectField name="status" label={t("fields.status")} defaultValue={initial?.status ?? "active"}>
        <option value="active">{t("statuses.active")}</option>
        <option value="off_duty">{t("statuses.off_duty")}</option>
      </SelectField>
      <AreaSelect
        value={area}
        onChange={setArea}
        withDistrict
        districtOptional
        labels={{ province: t("fields.province"), city: t("fields.city"), district: t("fields.district") }}
        error={err("province") ?? err("city")}
      />
      <div className="sm:col-span-2">
        <Button type="submit" disabled={mutation.isPending}>
          {t("save")}
        </Button>
        {mutation.error && !fieldIssuesOf(mutation.error) && (
          <p role="alert" className="mt-2 text-sm text-rose-700">
            {errorText.refusal(mutation.error)}
          </p>
        )}
      </div>
    </form>
  );
}
