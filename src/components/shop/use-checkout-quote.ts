"use client";

import { useQuery } from "@tanstack/react-query";
import type { ShippingOptionData } from "@/components/logistics/types";
import { useTRPC } from "@/trpc/client";
import type { CartLineView } from "@/trpc/types";

/** Where the parcel goes: a saved address or a place picked for a new one. */
export type Destination = { province: string; city: string; district: string };

/** A carrier and service level, as checkout sends them. */
export type ShippingKey = { carrierCode: string; serviceLevel: string };

export type CheckoutQuote =
  /** No complete destination yet: nothing to quote, no total. */
  | { status: "need-address" }
  | { status: "loading" }
  | { status: "error"; retry: () => void }
  | {
      status: "ready";
      options: ShippingOptionData[];
      /** The option checkout will charge: the shopper's choice when on offer, else the cheapest. */
      selected: ShippingOptionData | null;
      feeMinor: number;
      totalMinor: number;
      /** A refetch is under way: what is shown may be about to change, so it cannot be confirmed. */
      refreshing: boolean;
    };

export const sameOption = (o: ShippingKey, key: ShippingKey | null) => key !== null && o.carrierCode === key.carrierCode && o.serviceLevel === key.serviceLevel;

/**
 * The delivery options, the charged option and the order total for exactly this destination and
 * these cart lines. Everything is derived from the quote cached under that (destination, lines)
 * key, never kept in state: switching addresses or changing the cart switches the key, so a fee
 * quoted for something else cannot be shown (the new key has no data until its quote arrives).
 */
export function useCheckoutQuote({
  destination,
  lines,
  itemsTotalMinor,
  choice,
}: {
  destination: Destination | null;
  lines: Pick<CartLineView, "productId" | "quantity">[];
  itemsTotalMinor: number;
  choice: ShippingKey | null;
}): CheckoutQuote {
  const trpc = useTRPC();
  const input = destination
    ? {
        destination: { province: destination.province, city: destination.city, district: destination.district },
        items: lines.map((l) => ({ productId: l.productId, quantity: l.quantity })),
      }
    : null;
  const query = useQuery({ ...trpc.logistics.quoteOptions.queryOptions(input ?? { items: [] }), enabled: input !== null && lines.length > 0 });

  if (!input) return { status: "need-address" };
  if (query.isError) return { status: "error", retry: () => void query.refetch() };
  if (!query.data) return { status: "loading" };
  const options = query.data;
  const selected = options.find((o) => sameOption(o, choice)) ?? options[0] ?? null;
  // No carrier at all: checkout charges no fee and sends no option (the server does the same).
  const feeMinor = selected?.feeMinor ?? 0;
  return { status: "ready", options, selected, feeMinor, totalMinor: itemsTotalMinor + feeMinor, refreshing: query.isFetching };
}
