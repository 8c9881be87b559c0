"use client";

import { useId } from "react";

/** A carrier and service an order can ship with: `value` is "CARRIER|service", `label` in the reader's language. */
export type ShipServiceOption = { value: string; label: string };

/** The carrier-and-service value a select holds, as the ship procedures take it ("" = the order's own). */
export function shipServiceOf(value: string): { carrierCode: string; serviceLevel: string } | undefined {
  const [carrierCode, serviceLevel] = value.split("|");
  return carrierCode && serviceLevel ? { carrierCode, serviceLevel } : undefined;
}

/** Choose the carrier and service to ship with; the first choice keeps the order's own. */
export function ShipServiceSelect({ label, ownLabel, options, value, onChange }: { label: string; ownLabel: string; options: ShipServiceOption[]; value: string; onChange: (value: string) => void }) {
  const id = useId();
  return (
    <label htmlFor={id} className="flex flex-col gap-1 text-sm">
      <span className="text-slate-600">{label}</span>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)} className="rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm">
        <option value="">{ownLabel}</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </label>
  );
}
