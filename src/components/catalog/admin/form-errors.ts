/** What a tRPC error from a form submission carries that pages read. */
export type FormError = { data?: { fieldErrors?: unknown; domainCode?: string; params?: Record<string, string | number> } | null } | null;

/** True when the server named `field` among the invalid ones. */
export function hasFieldError(error: FormError, field: string): boolean {
  const errors = error?.data?.fieldErrors as Record<string, string[] | undefined> | undefined;
  return Boolean(errors?.[field]?.length);
}

/** The domain code of a refusal (SKU_TAKEN, STOCK_BELOW_RESERVED…), if any. */
export function domainCodeOf(error: FormError): string | undefined {
  return error?.data?.domainCode;
}
