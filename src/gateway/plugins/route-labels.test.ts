import { describe, expect, it } from "vitest";
import { restRouteLabel } from "./rest-api";
import { trpcRouteLabel } from "./trpc";

/**
 * Route labels become Prometheus series: whatever callers send, their number is bounded by the
 * code (procedures, the document's operations), or metrics memory grows with every made-up URL.
 */
describe("route labels", () => {
  it("name a tRPC call by its procedure and a batch by its first, never by the combination sent", () => {
    expect(trpcRouteLabel("order.byId")).toBe("trpc order.byId");
    expect(trpcRouteLabel("catalog.categories,auth.me")).toBe("trpc batch catalog.categories");
    expect(trpcRouteLabel("catalog.categories,cart.get,auth.me")).toBe("trpc batch catalog.categories");
    expect(trpcRouteLabel("nope")).toBe("trpc unknown");
    expect(trpcRouteLabel("auth.me,nope")).toBe("trpc unknown");
    expect(trpcRouteLabel(undefined)).toBe("trpc unknown");
  });

  it("name a REST call by the document's operation, and everything else as unknown", () => {
    const id = "7f1c2f5e-1b2a-4c3d-8e9f-0a1b2c3d4e5f";
    expect(restRouteLabel("GET", `/api/v1/orders/${id}?x=1`)).toBe("rest GET /orders/{id}");
    expect(restRouteLabel("POST", "/api/v1/orders")).toBe("rest POST /orders");
    expect(restRouteLabel("DELETE", "/api/v1/orders")).toBe("rest unknown");
    const madeUp = new Set(Array.from({ length: 200 }, (_, i) => restRouteLabel("GET", `/api/v1/made-up-${i}/${i}`)));
    expect([...madeUp]).toEqual(["rest unknown"]);
  });
});
