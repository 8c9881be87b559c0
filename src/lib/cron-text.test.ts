import { describe, expect, it } from "vitest";
import { describeCron } from "./cron-text";

describe("describeCron", () => {
  it("reads six-field crons (seconds first) in English and 简体中文", () => {
    expect(describeCron("*/2 * * * * *", "en")).toBe("Every 2 seconds");
    expect(describeCron("*/2 * * * * *", "zh-CN")).toBe("每隔 2 秒");
    expect(describeCron("0 */5 * * * *", "en")).toBe("Every 5 minutes");
    expect(describeCron("0 */5 * * * *", "zh-CN")).toBe("每隔 5 分钟");
  });

  it("reads Inngest's five-field crons too, and gives null for what is not a cron", () => {
    expect(describeCron("*/5 * * * *", "en")).toBe("Every 5 minutes");
    expect(describeCron("not a cron", "en")).toBeNull();
  });

});
