import { execFile } from "node:child_process";
import { promisify } from "node:util";
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/server/db/client";
import { createApiKey } from "@/server/domain/api-key";
import { createProduct, createShopper } from "./fixtures";
import { listenGateway } from "./gateway-fixtures";

/**
 * docs/api.md's curl walkthrough, run as written: every ```bash block of its "A whole order's
 * life with curl" section, in order, in one shell, against a listening gateway with a fresh
 * shopper's API key. If the document drifts from the API, this fails.
 */
const DOC = path.resolve(import.meta.dirname, "..", "docs", "api.md");

function walkthroughBlocks(): string[] {
  const text = fs.readFileSync(DOC, "utf8");
  const section = text.split("## A whole order's life with curl")[1]!.split("\n## ")[0]!;
  return [...section.matchAll(/```bash\n([\s\S]*?)```/g)].map((m) => m[1]!);
}

let gateway: Awaited<ReturnType<typeof listenGateway>>;
let key: string;
beforeAll(async () => {
  gateway = await listenGateway();
  const shopper = await createShopper();
  await createProduct({ stock: 100, priceMinor: 4_900 });
  key = (await createApiKey({ db: getDb(), userId: shopper.user.id, role: "shopper", requestId: "walkthrough", name: "walkthrough", scope: "shopper" })).secret;
});
afterAll(() => gateway.close());

describe("docs/api.md", () => {
  it("its curl walkthrough runs as written: order placed, paid, refund requested, the shopper told", async () => {
    const blocks = walkthroughBlocks();
    expect(blocks.length).toBeGreaterThanOrEqual(5);
    // Asynchronously: the gateway answering curl lives in this process.
    const { stdout: output } = await promisify(execFile)("bash", ["-euo", "pipefail", "-c", blocks.join("\n")], {
      env: { ...process.env, BASE: gateway.base, KEY: key },
      encoding: "utf8",
      timeout: 60_000,
    });
    const lines = output.trim().split("\n");
    // What the blocks print, in order: the product, then outcome, status, refund, notification.
    expect(lines).toEqual(expect.arrayContaining(["succeeded", "paid", "requested"]));
    expect(lines.at(-1)).toMatch(/^[a-z_]+$/);
  });
});
