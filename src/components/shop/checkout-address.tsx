"use client";

import { useTranslations } from "use-intl";
import { Badge } from "@/components/ui/badge";
import type { FieldIssues } from "@/lib/validation/field-issue";
import type { AddressView } from "@/trpc/types";
import { AddressFields, type AddressArea } from "./address-fields";
import { AddressText } from "./address-text";

export const NEW_ADDRESS = "new";

/**
 * Where the order goes: one of the shopper's saved addresses (a radio each) or a new address
 * entered right here (its place picked from the division lists). With no saved address the
 * new-address fields are all there is.
 */
export function CheckoutAddress({
  addresses,
  selected,
  onSelect,
  newArea,
  onNewAreaChange,
  issues,
  disabled,
}: {
  addresses: AddressView[];
  selected: string;
  onSelect: (value: string) => void;
  /** The place picked for a new address (kept by checkout, which quotes delivery for it). */
  newArea: AddressArea;
  onNewAreaChange: (area: AddressArea) => void;
  issues?: FieldIssues;
  disabled?: boolean;
}) {
  const t = useTranslations("shop.checkout");
  return (
    <fieldset className="space-y-3 rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
      <legend className="px-1 font-medium">{t("addressTitle")}</legend>
      {addresses.length === 0 && <p className="text-sm text-slate-600">{t("noAddresses")}</p>}
      {addresses.length > 0 && (
        <div role="radiogroup" aria-label={t("chooseAddress")} className="space-y-2">
          {addresses.map((address) => (
            <label
              key={address.id}
              className="flex cursor-pointer items-start gap-3 rounded-md border border-slate-200 p-3 has-[:checked]:border-brand-500 has-[:checked]:bg-brand-50"
            >
              <input
                type="radio"
                name="addressId"
                value={address.id}
                checked={selected === address.id}
                onChange={() => onSelect(address.id)}
                disabled={disabled}
                className="mt-1"
              />
              <span className="flex-1">
                <AddressText address={address} />
              </span>
              {address.isDefault && <Badge tone="info">{t("defaultTag")}</Badge>}
            </label>
          ))}
          <label className="flex cursor-pointer items-center gap-3 rounded-md border border-slate-200 p-3 has-[:checked]:border-brand-500 has-[:checked]:bg-brand-50">
            <input
              type="radio"
              name="addressId"
              value={NEW_ADDRESS}
              checked={selected === NEW_ADDRESS}
              onChange={() => onSelect(NEW_ADDRESS)}
              disabled={disabled}
            />
            <span className="text-sm font-medium">{t("useNewAddress")}</span>
          </label>
        </div>
      )}
      {selected === NEW_ADDRESS && (
        <div role="group" aria-label={t("newAddress")} className="pt-2">
          <AddressFields issues={issues} disabled={disabled} area={newArea} onAreaChange={onNewAreaChange} />
        </div>
      )}
    </fieldset>
  );
}
