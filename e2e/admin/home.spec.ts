import { expect, test, type Page } from "@playwright/test";
import { parse } from "csv-parse/sync";
import { DEMO, signInViaApi } from "../fixtures/auth";
import { createPaidOrder } from "../fixtures/logistics";

/** Each queue of the admin home, the list its link opens and where that list says how many it shows. */
const QUEUES = [
  { key: "toShip", path: "/admin/orders?status=paid", total: "orders-count" },
  { key: "refundsToReview", path: "/admin/refunds?status=requested", total: "list-total" },
  { key: "shipmentExceptions", path: "/admin/shipments?queue=exception", total: "list-total" },
  { key: "staleShipments", path: "/admin/shipments?queue=stale", total: "list-total" },
  { key: "failedWebhooks", path: "/admin/webhooks?status=failed", total: "list-total" },
  { key: "failedTasks", path: "/admin/tasks?failures=lastDay", total: "list-total" },
  { key: "lowStock", path: "/admin/stock", total: "list-total" },
] as const;

const LANGUAGES = [
  { locale: "en", title: "Dashboard", queues: "Needs a person", exportCsv: "Export CSV", toShip: "Paid orders to ship" },
  { locale: "zh-CN", title: "概览", queues: "待处理", exportCsv: "导出 CSV", toShip: "待发货的已付款订单" },
] as const;

/** The first number in a text ("1,234 orders", "共 3 笔退款"). */
const numberIn = (text: string | null) => Number(/\d[\d,]*/.exec(text ?? "")?.[0].replaceAll(",", "") ?? NaN);

/** Every queue's count as the admin home shows it now. */
async function homeCounts(page: Page): Promise<Record<string, number>> {
  await page.goto("/admin");
  const counts: Record<string, number> = {};
  for (const queue of QUEUES) counts[queue.key] = numberIn(await page.getByTestId(`queue-${queue.key}`).getByTestId("queue-count").textContent());
  return counts;
}

for (const language of LANGUAGES) {
  test(`[ADMIN][HOME] the admin home's queues lead to lists of exactly those items, and a filtered list's CSV holds its rows (${language.locale})`, async ({ page, context, baseURL }) => {
    // Nineteen page loads and a CSV on a shared CI machine.
    test.setTimeout(300_000);
    await context.addCookies([{ name: "shopflow-locale", value: language.locale, url: baseURL! }]);
    // Known data: a paid order waiting to be shipped.
    await createPaidOrder(page.request);
    await context.clearCookies();
    await context.addCookies([{ name: "shopflow-locale", value: language.locale, url: baseURL! }]);
    await signInViaApi(page, DEMO.admin);

    await page.goto("/admin");
    await expect(page.getByRole("heading", { level: 1, name: language.title })).toBeVisible();
    await expect(page.getByRole("heading", { level: 2, name: language.queues })).toBeVisible();
    await expect(page.getByTestId("queue-toShip")).toContainText(language.toShip);
    await expect(page.getByRole("img", { name: language.locale === "en" ? "Orders per day (last 14 days)" : "每日订单数（最近 14 天）" })).toBeVisible();
    for (const queue of QUEUES) await expect(page.getByTestId(`queue-${queue.key}`)).toHaveAttribute("href", new RegExp(`^${queue.path.replace("?", "\\?")}(#|$)`));
    let counts = await homeCounts(page);

    // Each count against the total of the list its link opens. Background sweeps (auto-ship,
    // deliveries) may move items between the two reads, so on a difference both are read again
    // until they agree.
    for (const queue of QUEUES) {
      await expect
        .poll(
          async () => {
            await page.goto(queue.path);
            const listed = numberIn(await page.getByTestId(queue.total).textContent());
            if (listed === counts[queue.key]) return 0;
            counts = await homeCounts(page);
            return listed - counts[queue.key]!;
          },
          { message: `${queue.key}: the list's total minus the home's count`, timeout: 30_000 },
        )
        .toBe(0);
    }

    // The links really lead there.
    await page.goto("/admin");
    await page.getByTestId("queue-toShip").click();
    await page.waitForURL((url) => url.pathname + url.search === "/admin/orders?status=paid");
    await expect(page.getByTestId("orders-count")).toBeVisible();

    // The CSV of a filtered list: exactly the rows the list shows, in its order.
    await expect
      .poll(
        async () => {
          await page.goto("/admin/orders?status=paid");
          const total = numberIn(await page.getByTestId("orders-count").textContent());
          const link = page.getByRole("link", { name: language.exportCsv });
          await expect(link).toHaveAttribute("href", "/api/v1/admin/orders.csv?status=paid");
          // Each row's order number is its link to the order (the paid list has a bulk-ship checkbox first).
          const shownNumbers = (await page.getByRole("table").locator('tbody tr a[href^="/admin/orders/"]').allTextContents()).map((text) => text.trim());
          const answer = await page.request.get((await link.getAttribute("href"))!);
          expect(answer.status()).toBe(200);
          const csv = parse(await answer.text(), { columns: true, bom: true, skip_empty_lines: true }) as Record<string, string>[];
          return {
            sameCount: csv.length === total,
            allPaid: csv.every((row) => row.status === "paid"),
            sameFirstPage: JSON.stringify(csv.slice(0, shownNumbers.length).map((row) => row.order_no)) === JSON.stringify(shownNumbers),
          };
        },
        { message: "the CSV of Orders filtered to paid", timeout: 30_000 },
      )
      .toEqual({ sameCount: true, allPaid: true, sameFirstPage: true });
  });
}
