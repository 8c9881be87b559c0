import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

/**
 * The admin lists share one filter bar (FilterForm) and one CSV link (ExportCsvLink), both worded
 * from common.listFilters. This fails when a list hand-rolls its own search form or CSV link, or
 * a catalog grows its own word for applying, clearing or exporting filters. The Playwright spec
 * e2e/admin/list-vocabulary.spec.ts reads the words as each list shows them.
 */
const ROOT = process.cwd();
const SHARED = new Set(["src/components/admin/filter-form.tsx", "src/components/admin/export-csv-link.tsx"]);

function files(dir: string): string[] {
  return fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
    const relative = path.join(dir, entry.name);
    if (entry.isDirectory()) return files(relative);
    return /\.tsx?$/.test(entry.name) && !entry.name.endsWith(".test.ts") ? [relative] : [];
  });
}

const ADMIN_SOURCES = [...files("src/app/[locale]/admin"), ...files("src/components/admin"), ...files("src/components/logistics/admin"), ...files("src/components/payment/admin")];
const FILTER_WORDS = new Set(["apply", "reset", "clear", "csv", "exportCsv", "applyLabel", "resetLabel"]);

function leaves(value: unknown, at: string[] = []): [string, unknown][] {
  if (value && typeof value === "object") return Object.entries(value).flatMap(([key, inner]) => leaves(inner, [...at, key]));
  return [[at.join("."), value]];
}

describe("admin list vocabulary", () => {
  it("every admin filter bar is the shared FilterForm and every CSV link the shared ExportCsvLink", () => {
    const handRolled = ADMIN_SOURCES.filter((file) => !SHARED.has(file)).filter((file) => {
      const text = fs.readFileSync(path.join(ROOT, file), "utf8");
      return /role="search"/.test(text) || /\.csv[`"]/.test(text) || /applyLabel|resetLabel/.test(text);
    });
    expect(handRolled).toEqual([]);
  });

  it("apply, clear and export are worded once, in common.listFilters, in both languages", () => {
    for (const locale of ["en", "zh-CN"]) {
      const dir = path.join(ROOT, "src/messages", locale);
      const stray = fs.readdirSync(dir).flatMap((file) =>
        leaves(JSON.parse(fs.readFileSync(path.join(dir, file), "utf8")))
          .map(([key]) => `${file.replace(/\.json$/, "")}.${key}`)
          .filter((key) => FILTER_WORDS.has(key.split(".").at(-1)!) && !key.startsWith("common.listFilters.")),
      );
      expect(stray, locale).toEqual([]);
    }
  });
});
