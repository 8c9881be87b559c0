import { expect, test, type Page } from "@playwright/test";
import { ADMIN_LISTS } from "../fixtures/admin-lists";
import { trpcMutation } from "../fixtures/api";
import { DEMO, signInRequest } from "../fixtures/auth";
import { inLanes } from "../fixtures/lanes";
import { createWalkData, languageContext } from "../fixtures/page-walk";

/**
 * Every admin list reads whole on a 1366×768 laptop, in both languages, with rows in it: no
 * table cell or header hides part of its content (text cut off with nothing to show the rest —
 * a cell that truncates must carry the full text in a title), and no table is wider than its
 * container: the scroll wrapper around a table is for narrower screens, not for a laptop's.
 */
const LAPTOP = { width: 1366, height: 768 };

type Problem = string;

/** What the page clips: cells whose content overflows where it cannot be seen, tables that overflow without a scroll wrapper. */
async function clipped(page: Page): Promise<Problem[]> {
  return page.evaluate(() => {
    const problems: string[] = [];
    const describe = (el: Element) => `${el.tagName.toLowerCase()} "${(el.textContent ?? "").trim().replace(/\s+/g, " ").slice(0, 50)}"`;
    const hides = (el: Element) => getComputedStyle(el).overflowX !== "visible";
    // Cut text is fine when its title (on it, around it, or on the one element it wraps) holds the whole text.
    const titled = (el: Element, cell: Element) => {
      for (let at: Element | null = el; at && at !== cell.parentElement; at = at.parentElement) if (at.getAttribute("title")) return true;
      const inner = el.querySelector("[title]");
      return inner !== null && inner.getAttribute("title")!.trim() === (el.textContent ?? "").trim();
    };
    for (const table of Array.from(document.querySelectorAll("main table"))) {
      if ((table as HTMLElement).offsetParent === null) continue;
      for (const cell of Array.from(table.querySelectorAll("th, td"))) {
        for (const el of [cell, ...Array.from(cell.querySelectorAll("*"))]) {
          const box = el as HTMLElement;
          if (box.clientWidth === 0 || !hides(el) && el !== cell) continue;
          if (box.scrollWidth > box.clientWidth + 1 && !titled(el, cell)) problems.push(`${table.getAttribute("aria-label") ?? "table"}: ${describe(el)} shows ${box.clientWidth} of ${box.scrollWidth}px`);
        }
      }
      const width = table.getBoundingClientRect().width;
      let scrolls = false;
      for (let at = table.parentElement; at && at.tagName !== "MAIN"; at = at.parentElement) {
        if (["auto", "scroll"].includes(getComputedStyle(at).overflowX)) {
          // A scroll wrapper is the fallback for narrower screens: at 1366 px every column shows without scrolling.
          if (!scrolls && at.scrollWidth > at.clientWidth + 1) problems.push(`${table.getAttribute("aria-label") ?? "table"} needs sideways scrolling (${at.scrollWidth}px in ${at.clientWidth}px)`);
          scrolls = true;
        }
        else if (!scrolls && width > at.clientWidth + 1) {
          problems.push(`${table.getAttribute("aria-label") ?? "table"} is ${Math.round(width)}px in a ${at.clientWidth}px ${at.tagName.toLowerCase()} with no scroll wrapper`);
          break;
        }
      }
    }
    if (document.scrollingElement!.scrollWidth > document.scrollingElement!.clientWidth) problems.push(`the page scrolls sideways (${document.scrollingElement!.scrollWidth}px)`);
    return problems;
  });
}

test.beforeAll(async ({ browser, baseURL }) => {
  // Orders, payments, a refund, a shipment and a message of the walk's own, beside the demo seed;
  // and an admin API key for their list.
  await createWalkData(browser, baseURL!);
  const admin = await browser.newContext({ baseURL });
  try {
    await signInRequest(admin.request, DEMO.admin);
    await trpcMutation(admin.request, "adminApiKey.create", { name: "Layout check", scope: "admin_read" });
  } finally {
    await admin.close();
  }
});

for (const locale of ["en", "zh-CN"] as const) {
  test(`[ADMIN][LAYOUT] every admin list shows its columns whole at 1366×768 (${locale})`, async ({ browser, baseURL }) => {
    test.slow();
    const context = await languageContext(browser, baseURL!, locale, DEMO.admin, { viewport: LAPTOP });
    try {
      const problems: string[] = [];
      // The lists side by side, on two pages of this context: most of a list's time is waiting for the network to rest.
      await inLanes(context, ADMIN_LISTS, 2, async (page, list) => {
        await page.goto(list.path);
        await page.waitForLoadState("networkidle");
        if (!list.rows) await expect.soft(page.locator("main table").first(), `${list.path} has rows to lay out`).toBeVisible();
        for (const problem of await clipped(page)) problems.push(`${list.path}: ${problem}`);
        const shot = test.info().outputPath(`${list.path.slice(1).replaceAll("/", "-")}-${locale}-1366.png`);
        await page.screenshot({ path: shot, fullPage: true });
        await test.info().attach(shot.split("/").at(-1)!, { path: shot, contentType: "image/png" });
      });
      expect(problems.sort()).toEqual([]);
    } finally {
      await context.close();
    }
  });
}
