import { describe, expect, it } from "vitest";
import { MESSAGES } from "./messages";

/** Every key path of a message tree, e.g. "shop.cart.title". */
function keyPaths(tree: unknown, prefix = ""): string[] {
  if (typeof tree !== "object" || tree === null) return [prefix];
  return Object.entries(tree).flatMap(([key, value]) => keyPaths(value, prefix ? `${prefix}.${key}` : key));
}

describe("translations", () => {
  it("has every English string in Simplified Chinese too, and nothing extra", () => {
    expect(keyPaths(MESSAGES["zh-CN"]).sort()).toEqual(keyPaths(MESSAGES.en).sort());
  });

  it("has no empty strings", () => {
    for (const locale of ["en", "zh-CN"] as const) {
      const empty = keyPaths(MESSAGES[locale]).filter((path) => {
        const value = path.split(".").reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], MESSAGES[locale]);
        return typeof value !== "string" || value.trim() === "";
      });
      expect(empty, locale).toEqual([]);
    }
  });
});
