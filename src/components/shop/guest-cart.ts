"use client";

import { useSyncExternalStore } from "react";

/**
 * A visitor's cart before they sign in, kept in this browser's localStorage: product ids and
 * quantities only. Prices and stock always come from the server (`cart.preview`); signing in or
 * signing up hands the lines to `cart.merge` and forgets them here.
 */
export type GuestLine = { productId: string; quantity: number };

const KEY = "shopflow.guest-cart.v1";
const CHANGED = "shopflow:guest-cart";
const MAX_LINES = 50;
const MAX_QUANTITY = 99;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const NONE: GuestLine[] = [];

function parse(raw: string | null): GuestLine[] {
  if (!raw) return NONE;
  try {
    const value: unknown = JSON.parse(raw);
    if (!Array.isArray(value)) return NONE;
    // Whatever else is stored there (an older format, a hand edit) is dropped, never sent.
    return value
      .filter((line): line is GuestLine => typeof line?.productId === "string" && UUID.test(line.productId) && Number.isInteger(line.quantity) && line.quantity >= 1)
      .map((line) => ({ productId: line.productId, quantity: Math.min(line.quantity, MAX_QUANTITY) }))
      .slice(0, MAX_LINES);
  } catch {
    return NONE;
  }
}

let cached: { raw: string | null; lines: GuestLine[] } = { raw: null, lines: NONE };

/** The stored lines (the same array until they change, as useSyncExternalStore wants). */
export function readGuestCart(): GuestLine[] {
  if (typeof window === "undefined") return NONE;
  let raw: string | null = null;
  try {
    raw = window.localStorage.getItem(KEY);
  } catch {
    return NONE;
  }
  if (raw !== cached.raw) cached = { raw, lines: parse(raw) };
  return cached.lines;
}

function write(lines: GuestLine[]) {
  try {
    if (lines.length === 0) window.localStorage.removeItem(KEY);
    else window.localStorage.setItem(KEY, JSON.stringify(lines));
  } catch {
    // Storage full or disabled: the cart simply does not persist.
  }
  window.dispatchEvent(new Event(CHANGED));
}

/** Adds `quantity` of a product (a line is capped at 99; at most 50 lines). */
export function addToGuestCart(productId: string, quantity: number) {
  const lines = readGuestCart();
  const existing = lines.find((line) => line.productId === productId);
  if (existing) write(lines.map((line) => (line === existing ? { ...line, quantity: Math.min(line.quantity + quantity, MAX_QUANTITY) } : line)));
  else if (lines.length < MAX_LINES) write([...lines, { productId, quantity: Math.min(quantity, MAX_QUANTITY) }]);
}

export function setGuestQuantity(productId: string, quantity: number) {
  write(readGuestCart().map((line) => (line.productId === productId ? { ...line, quantity: Math.min(Math.max(quantity, 1), MAX_QUANTITY) } : line)));
}

/** Removes the lines of these products (removed by the visitor, or no longer sold). */
export function removeFromGuestCart(...productIds: string[]) {
  write(readGuestCart().filter((line) => !productIds.includes(line.productId)));
}

export function clearGuestCart() {
  write([]);
}

function subscribe(onChange: () => void) {
  window.addEventListener(CHANGED, onChange);
  // Another tab changed it.
  window.addEventListener("storage", onChange);
  return () => {
    window.removeEventListener(CHANGED, onChange);
    window.removeEventListener("storage", onChange);
  };
}

/** The guest cart's lines, re-rendering on every change (in this tab or another); empty on the server. */
export function useGuestCart(): GuestLine[] {
  return useSyncExternalStore(subscribe, readGuestCart, () => NONE);
}

/**
 * Right after signing in or up: hands the guest cart to the account (`cart.merge`, one
 * transaction on the server) and forgets it here. A refusal (an admin account) keeps it.
 */
export async function mergeGuestCart(merge: (input: { lines: GuestLine[] }) => Promise<unknown>): Promise<void> {
  const lines = readGuestCart();
  if (lines.length === 0) return;
  try {
    await merge({ lines });
    clearGuestCart();
  } catch {
    // Kept for a later sign-in as a shopper.
  }
}
