import { describe, expect, it } from "vitest";
import en from "./en/payment.json";
import zh from "./zh-CN/payment.json";

function flatten(value: unknown, prefix = ""): Record<string, string> {
  if (typeof value === "string") return { [prefix]: value };
  return Object.assign({}, ...Object.entries(value as Record<string, unknown>).map(([k, v]) => flatten(v, prefix ? `${prefix}.${k}` : k)));
}
const args = (text: string) => [...text.matchAll(/\{(\w+)/g)].map((m) => m[1]).sort();

describe("payment messages", () => {
  const english = flatten(en);
  const chinese = flatten(zh);
  it("has every string in both languages", () => {
    expect(Object.keys(chinese).sort()).toEqual(Object.keys(english).sort());
  });
  it("uses the same placeholders in both languages", () => {
    for (const key of Object.keys(english)) expect(args(chinese[key] ?? ""), key).toEqual(args(english[key]!));
  });
});
