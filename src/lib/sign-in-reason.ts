/** Why a page asks a visitor to sign in, read from where they are going (each has a label in both catalogs). */
export type SignInReason = "checkout" | "pay" | "orders" | "favourites" | "messages" | "addresses" | "account" | "admin" | "product" | "continue";

const REASONS: [RegExp, SignInReason][] = [
  [/^\/(checkout|cart)(\/|\?|#|$)/, "checkout"],
  [/^\/pay\//, "pay"],
  [/^\/orders(\/|\?|#|$)/, "orders"],
  [/^\/favourites(\/|\?|#|$)/, "favourites"],
  [/^\/messages(\/|\?|#|$)/, "messages"],
  [/^\/addresses(\/|\?|#|$)/, "addresses"],
  [/^\/(account|notifications)(\/|\?|#|$)/, "account"],
  [/^\/admin(\/|\?|#|$)/, "admin"],
  [/^\/products\//, "product"],
];

/** The reason for a return path (already checked to be on this site); null when there is nowhere particular to return to. */
export function signInReason(path: string | null): SignInReason | null {
  if (!path || path === "/") return null;
  return REASONS.find(([pattern]) => pattern.test(path))?.[1] ?? "continue";
}

/** The sign-in or sign-up page's address, carrying the return address when there is one. */
export function authPageHref(page: "/sign-in" | "/sign-up", path: string | null): string {
  return path ? `${page}?${new URLSearchParams({ callbackUrl: path })}` : page;
}
