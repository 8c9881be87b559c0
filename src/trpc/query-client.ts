import { MutationCache, QueryClient, defaultShouldDehydrateQuery } from "@tanstack/react-query";
import superjson from "superjson";

/** The shop header's query (`auth.header`), by tRPC's key prefix for that procedure. */
export const SHOP_HEADER_KEY = [["auth", "header"]];

/**
 * The reader's own data a change can move besides the header: their cart (an add, an order
 * placed) and their orders (an order placed, paid or cancelled). Marked stale, not read again at
 * once: the page showing them reads them when it opens (src/trpc/current-result.ts), and a page
 * that changes them in place sets what the change returned.
 */
const READER_DATA_KEYS = [[["cart", "get"]], [["order", "mine"]]];

export function makeQueryClient() {
  const client: QueryClient = new QueryClient({
    // A change that went through (a cart line added, an order placed, a notification read) can
    // move the header's counts: read them again, whichever page made the change.
    mutationCache: new MutationCache({
      onSuccess: () => {
        for (const queryKey of READER_DATA_KEYS) void client.invalidateQueries({ queryKey, refetchType: "none" });
        return client.invalidateQueries({ queryKey: SHOP_HEADER_KEY });
      },
    }),
    defaultOptions: {
      queries: { staleTime: 30 * 1000, retry: (count, error) => count < 2 && !isClientError(error) },
      dehydrate: {
        serializeData: superjson.serialize,
        shouldDehydrateQuery: (query) => defaultShouldDehydrateQuery(query) || query.state.status === "pending",
      },
      hydrate: { deserializeData: superjson.deserialize },
    },
  });
  return client;
}

function isClientError(error: unknown): boolean {
  const status = (error as { data?: { httpStatus?: number } })?.data?.httpStatus;
  return typeof status === "number" && status >= 400 && status < 500;
}
