import { describe, expect, it } from "vitest";
import { firstParams, pageParam } from "./search-params";

describe("query string parameters of pages", () => {
  it("takes the first of a repeated parameter and keeps single ones", () => {
    expect(firstParams({ no: ["a", "b"], page: "2", empty: "", missing: undefined })).toEqual({ no: "a", page: "2", empty: "", missing: undefined });
    expect(firstParams({ no: [] })).toEqual({ no: undefined });
  });

  it("drops characters no query can carry and bounds the length", () => {
    expect(firstParams({ q: "a\u0000b\uD800c\uDFFF🙂" })).toEqual({ q: "abc🙂" });
    expect(firstParams({ q: "x".repeat(5000) }).q).toHaveLength(100);
    expect(firstParams({ q: "x".repeat(5000) }, 40).q).toHaveLength(40);
  });

  it("turns any page number into one the lists accept", () => {
    expect(pageParam("3", 100)).toBe(3);
    expect(pageParam(undefined, 100)).toBe(1);
    for (const odd of ["0", "-5", "abc", "NaN", "", "1e-9"]) expect(pageParam(odd, 100)).toBe(1);
    expect(pageParam("2.7", 100)).toBe(2);
    for (const huge of ["1e400", "Infinity", "99999999999999999999"]) expect(pageParam(huge, 100)).toBe(100);
  });
});
