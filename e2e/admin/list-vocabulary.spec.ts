import { expect, test } from "@playwright/test";
import { ADMIN_LISTS, catalogValue, type Locale } from "../fixtures/admin-lists";
import { DEMO, signInViaApi } from "../fixtures/auth";
import { inLanes } from "../fixtures/lanes";

/**
 * Every admin list says the same thing for the same action, in both languages: "Apply filters",
 * "Clear filters", "Export CSV" (common.listFilters), and its status filter names each status
 * as the status table of the message catalog does — the words the list's own badges use.
 */
for (const locale of ["en", "zh-CN"] as const satisfies Locale[]) {
  test(`[ADMIN][LISTS] every admin list's filter bar uses one vocabulary (${locale})`, async ({ page, context, baseURL }) => {
    test.slow();
    await context.addCookies([{ name: "shopflow-locale", value: locale, url: baseURL! }]);
    await signInViaApi(page, DEMO.admin);
    const word = (key: string) => catalogValue(locale, `common.listFilters.${key}`) as string;

    // The lists side by side, on two pages of this signed-in context.
    await inLanes(context, ADMIN_LISTS, 2, async (page, list) => {
      await page.goto(list.path);
      const bar = page.getByRole("search");
      if (!list.filters) {
        await expect(bar, list.path).toHaveCount(0);
        return;
      }
      await expect(bar.getByTestId("filters-apply"), list.path).toHaveText(word("apply"));
      await expect(bar.getByTestId("filters-clear"), list.path).toHaveText(word("clear"));
      // No other button or link in the bar: one pair of words per list.
      await expect(bar.locator("button, a"), list.path).toHaveCount(2);

      const exportLink = page.getByTestId("export-csv");
      if (list.exportCsv) {
        await expect(exportLink, list.path).toHaveText(word("exportCsv"));
        await expect(exportLink, list.path).toHaveAttribute("title", word("exportHint"));
      } else {
        await expect(exportLink, list.path).toHaveCount(0);
      }

      if (list.status) {
        const labels = catalogValue(locale, list.status) as Record<string, string>;
        const options = await bar.locator('select[name="status"] option:not([value=""])').evaluateAll((nodes) =>
          nodes.map((node) => [(node as HTMLOptionElement).value, node.textContent?.trim() ?? ""] as const),
        );
        expect(options.length, list.path).toBeGreaterThan(0);
        for (const [value, text] of options) expect(text, `${list.path} status ${value}`).toBe(labels[value]);
      }
    });

    // The shipment queues count rows by the words their badges show (counted with the list's
    // page, which the browser reads after the page arrives: its total shows it is in).
    await page.goto("/admin/shipments");
    await expect(page.getByTestId("list-total")).toBeVisible();
    const chips = await page.getByRole("navigation", { name: catalogValue(locale, "logistics.admin.shipments.queues") as string }).getByRole("link").allTextContents();
    expect(chips[0]).toBe(word("all"));
    const chip = catalogValue(locale, "logistics.admin.shipments.queue.chip") as string;
    const named = (label: string) => new RegExp(`^${chip.replace("{label}", label).replace(/[()（）]/g, "\\$&").replace("{count}", "\\d+")}$`);
    expect(chips[1]).toMatch(named(catalogValue(locale, "logistics.admin.shipments.unassigned") as string));
    expect(chips[2]).toMatch(named(catalogValue(locale, "logistics.status.exception") as string));
    expect(chips[3]).toMatch(named(catalogValue(locale, "logistics.admin.shipments.stale") as string));
  });
}
