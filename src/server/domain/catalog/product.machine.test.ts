import { describe, expect, it } from "vitest";
import { PRODUCT_STATUSES, assertProductTransition, canTransitionProduct, columnsForStatus, productStatusOf } from "./product.machine";

describe("product status machine", () => {
  it("allows exactly the listed transitions", () => {
    const allowed = PRODUCT_STATUSES.flatMap((from) => PRODUCT_STATUSES.filter((to) => canTransitionProduct(from, to)).map((to) => `${from}->${to}`));
    expect(allowed.sort()).toEqual(["archived->hidden", "hidden->archived", "hidden->visible", "visible->archived", "visible->hidden"]);
  });

  it("refuses the others with INVALID_TRANSITION", () => {
    expect(() => assertProductTransition("archived", "visible")).toThrow(expect.objectContaining({ code: "INVALID_TRANSITION" }));
    expect(() => assertProductTransition("visible", "visible")).toThrow(expect.objectContaining({ code: "INVALID_TRANSITION" }));
  });

  it("round-trips every status through its stored columns", () => {
    const now = new Date();
    for (const status of PRODUCT_STATUSES) expect(productStatusOf(columnsForStatus(status, now))).toBe(status);
  });
});
