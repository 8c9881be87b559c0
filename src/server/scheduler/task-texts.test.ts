import { describe, expect, it } from "vitest";
import { MESSAGES } from "@/i18n/messages";
import { minuteCron } from "@/server/inngest/catalog";
import { describeCron } from "@/lib/cron-text";
import { SWEEPS } from "./registry";
import { taskCatalogue } from "./tasks";

describe("what Admin → Tasks shows for each task", () => {
  it("has a reading of its cron in both languages, with no Latin letters in the Chinese one", () => {
    for (const sweep of SWEEPS) {
      for (const cron of [sweep.cron, minuteCron(sweep.cron)]) {
        expect(describeCron(cron, "en"), cron).toMatch(/[a-z]/i);
        const zh = describeCron(cron, "zh-CN");
        expect(zh, cron).toMatch(/\p{Script=Han}/u);
        expect(zh, cron).not.toMatch(/[a-z]/i);
      }
    }
  });

  it("has its description from both message catalogs for every task of both modes", () => {
    const ids = [...taskCatalogue("local"), ...taskCatalogue("inngest")].map((task) => task.id.replace(/^sweep-/, ""));
    for (const locale of ["en", "zh-CN"] as const) {
      const descriptions: Record<string, string> = MESSAGES[locale].lifecycle.tasks.descriptions;
      for (const id of ids) expect(descriptions[id], `${locale} ${id}`).toBeTruthy();
    }
    expect(MESSAGES["zh-CN"].lifecycle.tasks.descriptions["payment-webhooks"]).toMatch(/\p{Script=Han}/u);
  });
});
