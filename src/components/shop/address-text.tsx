import type { AddressView } from "@/trpc/types";

type AddressLike = Pick<AddressView, "recipient" | "phone" | "province" | "city" | "district" | "detail">;

/** An address exactly as entered: recipient and phone, then province, city, district and street. */
export function AddressText({ address }: { address: AddressLike }) {
  return (
    <address className="not-italic text-sm leading-6 text-slate-700">
      <span className="font-medium text-slate-900">{address.recipient}</span> <span>{address.phone}</span>
      <br />
      {address.province} {address.city} {address.district}
      <br />
      {address.detail}
    </address>
  );
}
