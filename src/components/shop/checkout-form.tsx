"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useTranslations } from "use-intl";
import { Button } from "@/components/ui/button";
import { useTRPC } from "@/trpc/client";
import { errorData, type AddressView, type CartView } from "@/trpc/types";
import { readAddressFields } from "./address-fields";
import { CheckoutAddress, NEW_ADDRESS } from "./checkout-address";
import { CheckoutDelivery, type ShippingChoice } from "./checkout-delivery";
import { CheckoutSummary } from "./checkout-summary";

const NOTE_MAX = 200;

/**
 * Checkout: address (saved or new), delivery, an optional note and the summary; "Place order"
 * saves a new address first (so a retry does not save it twice), then places the order and
 * opens it. Out-of-stock names the product and nothing is created.
 */
export function CheckoutForm({ cart, addresses: initialAddresses }: { cart: CartView; addresses: AddressView[] }) {
  const t = useTranslations("shop.checkout");
  const trpc = useTRPC();
  const router = useRouter();
  const [addresses, setAddresses] = useState(initialAddresses);
  const [selected, setSelected] = useState(() => (initialAddresses.find((a) => a.isDefault) ?? initialAddresses[0])?.id ?? NEW_ADDRESS);
  const [shipping, setShipping] = useState<ShippingChoice | null>(null);
  const [noteError, setNoteError] = useState(false);
  const createAddress = useMutation(trpc.address.create.mutationOptions());
  const checkout = useMutation(trpc.order.checkout.mutationOptions());
  const [navigating, setNavigating] = useState(false);
  const pending = createAddress.isPending || checkout.isPending || navigating;
  const destination = addresses.find((a) => a.id === selected) ?? null;

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const note = String(form.get("note") ?? "").trim();
    setNoteError(note.length > NOTE_MAX);
    if (note.length > NOTE_MAX) return;
    createAddress.reset();
    checkout.reset();

    let addressId = selected;
    if (selected === NEW_ADDRESS) {
      const created = await createAddress
        .mutateAsync({ ...readAddressFields(form), isDefault: addresses.length === 0 })
        .catch(() => null);
      if (!created) return;
      setAddresses((list) => [...list, created]);
      setSelected(created.id);
      addressId = created.id;
    }
    const order = await checkout
      .mutateAsync({ addressId, note: note || undefined, shipping: shipping ? { carrierCode: shipping.carrierCode, serviceLevel: shipping.serviceLevel } : undefined })
      .catch(() => null);
    if (!order) return;
    setNavigating(true);
    router.push(`/orders/${order.id}?placed=1`);
    // The header's cart count lives in the layout, which a push alone does not re-render.
    router.refresh();
  }

  return (
    <form onSubmit={onSubmit} noValidate className="grid gap-6 lg:grid-cols-[1fr_22rem]">
      <div className="space-y-6">
        <CheckoutAddress
          addresses={addresses}
          selected={selected}
          onSelect={setSelected}
          fieldErrors={errorData(createAddress.error).fieldErrors}
          disabled={pending}
        />
        <CheckoutDelivery
          destination={destination}
          lines={cart.lines}
          currency={cart.currency}
          value={shipping}
          onChange={setShipping}
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
        <CheckoutSummary cart={cart} shippingFeeMinor={shipping?.feeMinor ?? 0} />
        <CheckoutError createError={createAddress.error} checkoutError={checkout.error} cart={cart} />
        <Button type="submit" className="w-full" disabled={pending}>
          {pending ? t("placing") : t("placeOrder")}
        </Button>
      </div>
    </form>
  );
}

/** Turns a failed address save or checkout into one clear, translated sentence. */
function CheckoutError({ createError, checkoutError, cart }: { createError: unknown; checkoutError: unknown; cart: CartView }) {
  const t = useTranslations("shop.checkout");
  let message: string | null = null;
  if (createError) {
    message = errorData(createError).fieldErrors ? t("addressInvalid") : t("failed");
  } else if (checkoutError) {
    const data = errorData(checkoutError);
    if (data.domainCode === "OUT_OF_STOCK") {
      const ids = Object.keys(data.fieldErrors ?? {});
      const names = cart.lines.filter((line) => ids.includes(line.productId)).map((line) => line.name);
      message = names.length ? t("outOfStock", { name: names.join(", ") }) : t("outOfStockGeneric");
    } else if (data.domainCode === "CART_EMPTY") message = t("cartEmpty");
    else if (data.domainCode === "ADDRESS_NOT_FOUND" || data.fieldErrors?.addressId) message = t("addressMissing");
    else message = t("failed");
  }
  if (!message) return null;
  return (
    <p role="alert" className="rounded-md bg-rose-50 p-3 text-sm text-rose-700">
      {message}
    </p>
  );
}
