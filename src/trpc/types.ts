import type { inferRouterInputs, inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "@/server/api/root";

/**
 * Procedure input and output types for components. Type-only: nothing of the server reaches
 * the browser bundle, and components keep their props tied to what the procedures return.
 */
export type RouterInputs = inferRouterInputs<AppRouter>;
export type RouterOutputs = inferRouterOutputs<AppRouter>;

export type ShopperOrderView = RouterOutputs["order"]["byId"];
export type OrderItemView = ShopperOrderView["items"][number];
export type AddressView = RouterOutputs["address"]["list"][number];
export type CartView = RouterOutputs["cart"]["get"];
export type CartLineView = CartView["lines"][number];
export type AdminOrderView = RouterOutputs["adminOrder"]["byId"];
export type ApiKeyView = RouterOutputs["apiKey"]["list"][number];

/** The `data` tRPC attaches to an error (see the errorFormatter in src/server/api/trpc.ts). */
export type TRPCErrorData = {
  code?: string;
  httpStatus?: number;
  domainCode?: string;
  fieldErrors?: Record<string, string[] | undefined>;
  /** Values for the translated message of a domain error (e.g. TOTAL_CHANGED's totals). */
  params?: Record<string, string | number>;
};

/** Reads our error data off anything a mutation may throw. */
export function errorData(error: unknown): TRPCErrorData {
  const data = (error as { data?: TRPCErrorData } | null)?.data;
  return data ?? {};
}

export type OrderStatusValue = ShopperOrderView["status"];
