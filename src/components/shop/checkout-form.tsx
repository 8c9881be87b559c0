"use client";

import { useIsFetching, useMutation, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useRef, useState } from "react";
import { useTranslations } from "use-intl";
import { fieldIssuesOf } from "@/components/forms/error-text";
import { Button } from "@/components/ui/button";
import type { FieldIssues } from "@/lib/validation/field-issue";
import { useTRPC, useTRPCClient } from "@/trpc/client";
import { errorData, type AddressView, type CartView, type RouterInputs } from "@/trpc/types";
import { checkAddressFields, EMPTY_AREA, isCompleteArea, readAddressFields, type AddressArea } from "./address-fields";
import { CheckoutAddress, NEW_ADDRESS } from "./checkout-address";
import { CheckoutDelivery } from "./checkout-delivery";
import { CheckoutError } from "./checkout-error";
import { CheckoutSummary } from "./checkout-summary";
import { useCheckoutQuote, type ShippingKey } from "./use-checkout-quote";

const NOTE_MAX = 200;

/**
 * Checkout: address (saved or new), delivery, an optional note and the summary. Delivery is
 * quoted live for the selected address, or for a new address as soon as its province, city and
 * district are picked; the total shown is derived from that quote alone, and "Place order"
 * waits until there is one. The order is placed with the total shown (`expectedTotal`): if the
 * server computes another (prices, cart or quote moved meanwhile) it places nothing, and the
 * page fetches the current figures and asks the shopper to confirm the new total. A new
 * address is saved first (so a retry does not save it twice). Out-of-stock names the product.
 */
export function CheckoutForm({ cart, addresses: initialAddresses }: { cart: CartView; addresses: AddressView[] }) {
  const t = useTranslations("shop.checkout");
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const router = useRouter();
  const [addresses, setAddresses] = useState(initialAddresses);
  const [selected, setSelected] = useState(() => (initialAddresses.find((a) => a.isDefault) ?? initialAddresses[0])?.id ?? NEW_ADDRESS);
  const [newArea, setNewArea] = useState<AddressArea>(EMPTY_AREA);
  const [choice, setChoice] = useState<ShippingKey | null>(null);
  const [noteError, setNoteError] = useState(false);
  // The cart being read again (after TOTAL_CHANGED): the total shown may be about to move.
  const refreshing = useIsFetching({ queryKey: trpc.cart.get.queryKey() }) > 0;
  const client = useTRPCClient();
  const createAddress = useMutation(trpc.address.create.mutationOptions());
  // One Idempotency-Key per order the shopper means to place: a repeated submit of the same
  // order (double click, a retry after a lost answer) replays the first answer instead of
  // placing a second order; a changed order (another total, address or note) gets a new key.
  const attempt = useRef<{ body: string; key: string } | null>(null);
  const keyFor = (input: unknown) => {
    const body = JSON.stringify(input);
    if (attempt.current?.body !== body) attempt.current = { body, key: crypto.randomUUID() };
    return attempt.current.key;
  };
  const checkout = useMutation({
    mutationFn: (input: RouterInputs["order"]["checkout"]) => client.order.checkout.mutate(input, { context: { idempotencyKey: keyFor(input) } }),
    onError(error) {
      // The server answered (a refusal, not a lost answer): the next submit is a new attempt.
      if (errorData(error).code) attempt.current = null;
      if (errorData(error).domainCode !== "TOTAL_CHANGED") return;
      // Re-read what makes up the total (the cart, the quote), then the shopper confirms the
      // new figure with another "Place order".
      void queryClient.invalidateQueries(trpc.logistics.quoteOptions.pathFilter());
      void queryClient.invalidateQueries({ queryKey: trpc.cart.get.queryKey() });
    },
  });
  const [navigating, setNavigating] = useState(false);
  // The form's own check of a new address; the server's answer when the form found nothing.
  const [addressIssues, setAddressIssues] = useState<FieldIssues>();
  const pending = createAddress.isPending || checkout.isPending || navigating;
  const destination = selected === NEW_ADDRESS ? (isCompleteArea(newArea) ? newArea : null) : (addresses.find((a) => a.id === selected) ?? null);
  const quote = useCheckoutQuote({ destination, lines: cart.lines, itemsTotalMinor: cart.itemsTotalMinor, choice });
  const confirmable = quote.status === "ready" && !quote.refreshing && !refreshing;

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    // Exactly what the shopper is looking at; the server charges this or nothing.
    if (quote.status !== "ready" || !confirmable) return;
    const shown = {
      expectedTotal: quote.totalMinor,
      shipping: quote.selected ? { carrierCode: quote.selected.carrierCode, serviceLevel: quote.selected.serviceLevel } : undefined,
    };
    const form = new FormData(event.currentTarget);
    const note = String(form.get("note") ?? "").trim();
    setNoteError(note.length > NOTE_MAX);
    if (note.length > NOTE_MAX) return;
    createAddress.reset();
    checkout.reset();
    setAddressIssues(undefined);

    let addressId = selected;
    if (selected === NEW_ADDRESS) {
      const draft = readAddressFields(form);
      const found = checkAddressFields(draft);
      setAddressIssues(found);
      if (found) return;
      const created = await createAddress
        .mutateAsync({ ...draft, isDefault: addresses.length === 0 })
        .catch(() => null);
      if (!created) return;
      setAddresses((list) => [...list, created]);
      setSelected(created.id);
      addressId = created.id;
    }
    const order = await checkout.mutateAsync({ addressId, note: note || undefined, ...shown }).catch(() => null);
    if (!order) return;
    setNavigating(true);
    // Straight to the cashier: paying is the next step of a placed order. The header's cart
    // count follows by itself (src/trpc/query-client.ts).
    router.push(`/pay/${order.id}`);
  }

  return (
    <form onSubmit={onSubmit} noValidate className="grid gap-6 lg:grid-cols-[1fr_22rem]">
      <div className="space-y-6">
        <CheckoutAddress
          addresses={addresses}
          selected={selected}
          onSelect={setSelected}
          newArea={newArea}
          onNewAreaChange={setNewArea}
          issues={addressIssues ?? fieldIssuesOf(createAddress.error)}
          disabled={pending}
        />
        <CheckoutDelivery
          state={quote}
          currency={cart.currency}
          value={quote.status === "ready" ? quote.selected : null}
          onChange={setChoice}
          disabled={pending}
        />
        <div className="space-y-1 rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
          <label htmlFor="checkout-note" className="block text-sm font-medium text-slate-700">
            {t("note")}
          </label>
          <textarea
            id="checkout-note"
            name="note"
            rows={2}
            maxLength={NOTE_MAX}
            aria-invalid={noteError || undefined}
            aria-describedby="checkout-note-hint"
            className="w-full rounded-md border border-slate-300 px-3 py-2 text-sm aria-[invalid=true]:border-rose-500"
            disabled={pending}
          />
          <p id="checkout-note-hint" role={noteError ? "alert" : undefined} className={noteError ? "text-xs text-rose-600" : "text-xs text-slate-500"}>
            {noteError ? t("noteTooLong") : t("noteHint")}
          </p>
        </div>
      </div>
      <div className="space-y-4">
        <CheckoutSummary cart={cart} quote={quote} />
        <CheckoutError addressInvalid={Boolean(addressIssues)} createError={createAddress.error} checkoutError={checkout.error} cart={cart} />
        <Button type="submit" className="w-full" disabled={pending || !confirmable}>
          {pending ? t("placing") : t("placeOrder")}
        </Button>
      </div>
    </form>
  );
}
