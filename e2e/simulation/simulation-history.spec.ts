import { expect, test } from "@playwright/test";
import { trpcQuery } from "../fixtures/api";
import { DEMO, signInViaApi } from "../fixtures/auth";

type RunList = { items: { id: string; status: string }[] };

/**
 * The current run and its row in the run history never disagree: while a small run goes from
 * 0 % to Completed, every state the page passes through is checked (a MutationObserver in the
 * page looks at each change), and the history row shows the run's status and progress as the
 * progress panel does, without a reload.
 */
test("[ADMIN][SIMULATION] the run history shows the same status and progress as the current run, at every moment", async ({ page }) => {
  await signInViaApi(page, DEMO.admin);
  await expect
    .poll(async () => (await trpcQuery<RunList>(page.request, "adminSimulation.list", { page: 1, pageSize: 10 })).items.some((r) => r.status === "running"), { timeout: 60_000 })
    .toBe(false);
  await page.goto("/admin/simulation");
  const seed = String(700_000 + Math.floor(Math.random() * 99_999));

  await page.evaluate((seed) => {
    const seen: string[] = [];
    const regionOf = (name: string) => [...document.querySelectorAll("section")].find((s) => s.querySelector("h2")?.textContent === name);
    const check = () => {
      const current = regionOf("Current run");
      const row = regionOf("Run history")?.querySelector("tbody tr");
      if (!current || !row || !row.textContent?.includes(seed)) return;
      const cells = (row as HTMLTableRowElement).cells;
      const panel = `${current.querySelector("h2 + span")?.textContent} ${current.querySelector("[role=progressbar]")?.getAttribute("aria-valuenow")}%`;
      const history = `${cells[1]?.textContent} ${cells[3]?.textContent}`;
      seen.push(panel === history ? "same" : `panel "${panel}" vs history "${history}"`);
    };
    new MutationObserver(check).observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
    Object.assign(window, { runStates: seen });
  }, seed);

  const form = page.getByRole("form", { name: "New run" });
  await form.getByLabel("Shoppers").fill("2");
  await form.getByLabel("Orders", { exact: true }).fill("4");
  await form.getByLabel("Orders per batch").fill("2");
  for (const [label, value] of [
    ["Paid", "0"],
    ["Failed, then paid", "0"],
    ["Abandoned (expires)", "50"],
    ["Cancelled", "50"],
    ["Refunded", "0"],
    ["Delivery exception", "0"],
  ] as const) {
    await form.getByLabel(label, { exact: true }).fill(value);
  }
  await form.getByLabel("Seed").fill(seed);
  await form.getByRole("button", { name: "Start simulation" }).click();

  const current = page.getByRole("region", { name: "Current run" });
  await expect(current.getByText("Completed")).toBeVisible({ timeout: 90_000 });
  const row = page.getByRole("region", { name: "Run history" }).getByRole("row").filter({ hasText: seed });
  await expect(row).toContainText("Completed");
  await expect(row).toContainText("100%");
  const states = await page.evaluate(() => (window as unknown as { runStates: string[] }).runStates);
  expect(states.length).toBeGreaterThan(0);
  expect(states.filter((s) => s !== "same")).toEqual([]);
});
