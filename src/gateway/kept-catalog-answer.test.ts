import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/server/db/client";
import { inventory } from "@/server/db/schema";
import { CATALOG_CACHE_MS } from "@/server/domain/catalog";
import { receiveStock } from "@/server/domain/inventory";
import { createAdmin, createProduct } from "../../test/fixtures";
import { gatewayFetch } from "../../test/gateway-fixtures";
import { KEPT_CATALOG_PATH } from "./kept-catalog-answer";

const single = (input: unknown) => gatewayFetch(new Request(`http://localhost${KEPT_CATALOG_PATH}?input=${encodeURIComponent(JSON.stringify({ json: input }))}`));
/** The same call as a batch of one: tRPC answers it itself, never from the kept answers. */
const batchOfOne = (input: unknown) =>
  gatewayFetch(new Request(`http://localhost${KEPT_CATALOG_PATH}?batch=1&input=${encodeURIComponent(JSON.stringify({ 0: { json: input } }))}`));

type ListAnswer = { result: { data: { json: { items: { id: string; available: number }[] } } } };
const availableIn = (answer: ListAnswer, productId: string) => answer.result.data.json.items.find((item) => item.id === productId)?.available;

describe("the gateway's kept answer of the public product list", () => {
  it("is what tRPC answers, kept until the stock changes, and shows a committed change at once", async () => {
    const tag = crypto.randomUUID().slice(0, 8);
    const product = await createProduct({ stock: 4, name: `Kept ${tag}` });
    const input = { q: tag, pageSize: 5, sort: "name" };

    const first = await single(input);
    const fromTrpc = await batchOfOne(input);
    const firstText = await first.text();
    expect(first.status).toBe(200);
    expect(JSON.parse(firstText)).toEqual((await fromTrpc.json())[0]);
    expect(first.headers.get("content-type")).toBe(fromTrpc.headers.get("content-type"));
    expect(first.headers.get("vary")).toBe(fromTrpc.headers.get("vary"));
    expect(availableIn(JSON.parse(firstText) as ListAnswer, product.id)).toBe(4);

    // Written behind the services' back: within the cache's lifetime the kept answer is sent
    // again, byte for byte. Each attempt asks with an input of its own, so its answer is loaded
    // fresh; a machine too slow to ask twice within the lifetime tries again, a few times.
    let onHand = 4;
    for (let attempt = 1; ; attempt++) {
      const asked = { ...input, pageSize: 5 + attempt };
      const loadedAt = Date.now();
      const kept = await (await single(asked)).text();
      onHand += 1;
      await getDb().update(inventory).set({ onHand }).where(eq(inventory.productId, product.id));
      const again = await (await single(asked)).text();
      if (Date.now() - loadedAt < CATALOG_CACHE_MS) {
        expect(again).toBe(kept);
        break;
      }
      expect(attempt, "asked twice within the cache's lifetime").toBeLessThan(5);
    }

    // Through the stock service: the next answer, right after the commit, has the new figure.
    const admin = await createAdmin();
    await receiveStock(getDb(), { input: { productId: product.id, quantity: 3 }, by: { userId: admin.user.id } });
    expect(availableIn((await (await single(input)).json()) as ListAnswer, product.id)).toBe(onHand + 3);
  });

  it("leaves a refused input to tRPC, which answers it as always", async () => {
    const refused = await single({ pageSize: 0 });
    expect(refused.status).toBe(400);
    const body = (await refused.json()) as { error: { json: { data: { code: string; path: string } } } };
    expect(body.error.json.data).toMatchObject({ code: "BAD_REQUEST", path: "catalog.list" });
  });
});
