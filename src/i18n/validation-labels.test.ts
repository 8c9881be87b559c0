import fs from "node:fs";
import path from "node:path";
import { createTranslator } from "use-intl";
import { describe, expect, it } from "vitest";
import { CUSTOM_ISSUE_CODES, FIELD_ISSUE_CODES } from "@/lib/validation/field-issue";
import { PATTERNS } from "@/lib/validation/patterns";
import { DOMAIN_ERROR_HTTP } from "@/server/errors";
import { MESSAGES } from "./messages";

/** Values for every parameter a label may name, so that formatting itself is checked too. */
const SAMPLE_PARAMS = { max: 40, min: 1, inclusive: "yes", divisor: 5, days: 366, hours: 4, limit: 20, reserved: 3, pattern: "phone", value: "express" };

function labelOf(locale: "en" | "zh-CN", key: string): string | undefined {
  const value = key.split(".").reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], MESSAGES[locale]);
  return typeof value === "string" ? value : undefined;
}

/** Renders `key` as a page would; a missing key or a broken message is an error, not a fallback. */
function render(locale: "en" | "zh-CN", key: string): string {
  const problems: string[] = [];
  const t = createTranslator({ locale, messages: MESSAGES[locale], onError: (error) => problems.push(error.message) });
  const text = (t as unknown as (key: string, values: object) => string)(key, SAMPLE_PARAMS);
  expect(problems, `${locale} ${key}`).toEqual([]);
  return text;
}

/** Every `issue("code", ...)` a server source names, found by reading the sources. */
function issueCodesInServerSources(): string[] {
  const found = new Set<string>();
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (/\.ts$/.test(entry.name) && !entry.name.endsWith(".test.ts")) {
        for (const match of fs.readFileSync(full, "utf8").matchAll(/\bissue\("([a-z_]+)"/g)) found.add(match[1]!);
      }
    }
  };
  walk(path.resolve(__dirname, "../server"));
  return [...found];
}

describe("labels of what the server refuses", () => {
  for (const locale of ["en", "zh-CN"] as const) {
    it(`${locale}: every field issue code has a label that renders with its values`, () => {
      const missing = FIELD_ISSUE_CODES.filter((code) => !labelOf(locale, `common.validation.codes.${code}`));
      expect(missing).toEqual([]);
      for (const code of FIELD_ISSUE_CODES) expect(render(locale, `common.validation.codes.${code}`)).not.toMatch(/[{}]/);
    });

    it(`${locale}: every named pattern says what the field expects`, () => {
      const missing = Object.keys(PATTERNS).filter((name) => !labelOf(locale, `common.validation.patterns.${name}`));
      expect(missing).toEqual([]);
    });

    it(`${locale}: every domain code has a label`, () => {
      const missing = Object.keys(DOMAIN_ERROR_HTTP).filter((code) => !labelOf(locale, `common.errors.${code}`));
      expect(missing).toEqual([]);
      for (const code of Object.keys(DOMAIN_ERROR_HTTP)) render(locale, `common.errors.${code}`);
    });
  }

  it("the Chinese labels are Chinese, not copies of the English ones", () => {
    const copied = FIELD_ISSUE_CODES.filter((code) => labelOf("zh-CN", `common.validation.codes.${code}`) === labelOf("en", `common.validation.codes.${code}`));
    expect(copied).toEqual([]);
    for (const code of FIELD_ISSUE_CODES) expect(render("zh-CN", `common.validation.codes.${code}`)).toMatch(/\p{Script=Han}/u);
  });

  it("every code a server refinement names is a known code", () => {
    const named = issueCodesInServerSources();
    expect(named.filter((code) => !(CUSTOM_ISSUE_CODES as readonly string[]).includes(code))).toEqual([]);
    expect(named.length).toBeGreaterThan(10);
  });
});
