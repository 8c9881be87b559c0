import { eq } from "drizzle-orm";
import postgres from "postgres";
import { describe, expect, inject, it } from "vitest";
import { CACHE_SYNC_CHANNEL, startCacheSync } from "@/server/cache/cache-sync";
import { getDb } from "@/server/db/client";
import { inventory } from "@/server/db/schema";
import { receiveStock } from "@/server/domain/inventory";
import { createAdmin, createProduct } from "../../../../test/fixtures";
import { endTsProcess, startTsProcess, until } from "../../../../test/processes";
import { cachedCatalogAnswers, catalogChanged, listPublicProducts } from ".";

const url = inject("databaseUrl");

/** The stock the public list shows for `productId`. */
async function listedAvailable(productId: string, q: string) {
  const { items } = await listPublicProducts(getDb(), { q, pageSize: 5 });
  return items.find((item) => item.id === productId)?.available;
}

/** This process listening for the other processes' cache invalidations, as every app process does. */
async function withCacheSync<T>(work: () => Promise<T>): Promise<T> {
  const sql = postgres(url, { max: 2, onnotice: () => {} });
  const sync = startCacheSync(sql);
  try {
    await sync.ready;
    return await work();
  } finally {
    await sync.stop();
    await sql.end();
  }
}

describe("the public catalog list's cache", () => {
  it("a stock change committed by another process empties this process's copy, even when that process dies right after its commit", async () => {
    const tag = crypto.randomUUID().slice(0, 8);
    const product = await createProduct({ stock: 5, name: `Cache ${tag}` });
    const admin = await createAdmin();
    await withCacheSync(async () => {
      expect(await listedAvailable(product.id, tag)).toBe(5);
      expect(cachedCatalogAnswers()).toBeGreaterThan(0);

      const writer = startTsProcess("test/peers/writer-peer.ts", { DATABASE_URL: url, CACHE_SYNC: "on" });
      try {
        await until("the writer", () => writer.json().some((line) => line.started), { timeoutMs: 30_000 });
        writer.send(`receive ${product.id} 7 ${admin.user.id}`);
        // It kills itself once the commit has returned: only what the transaction carried is sent.
        expect(await writer.exited).toBe("SIGKILL");
      } finally {
        await endTsProcess(writer);
      }
      const [row] = await getDb().select({ onHand: inventory.onHand }).from(inventory).where(eq(inventory.productId, product.id));
      expect(row!.onHand).toBe(12);
      // An expired entry stays until it is read again: only the notification empties the cache.
      await until("the cache emptied by the other process's commit", () => cachedCatalogAnswers() === 0);
      expect(await listedAvailable(product.id, tag)).toBe(12);
    });
  });

  it("a committed change sends one notification, a rolled-back one none", async () => {
    const product = await createProduct({ stock: 1 });
    const admin = await createAdmin();
    const listener = postgres(url, { max: 1, onnotice: () => {} });
    const received: { names?: string[] }[] = [];
    await listener.listen(CACHE_SYNC_CHANNEL, (payload) => received.push(JSON.parse(payload) as { names?: string[] }));
    const catalogNotices = () => received.filter((message) => message.names?.includes("catalog:public"));
    try {
      await withCacheSync(async () => {
        await expect(
          getDb().transaction(async (tx) => {
            catalogChanged(tx);
            throw new Error("rolled back");
          }),
        ).rejects.toThrow("rolled back");
        await receiveStock(getDb(), { input: { productId: product.id, quantity: 1 }, by: { userId: admin.user.id } });
        await until("the notification", () => catalogNotices().length > 0);
      });
      // Notifications arrive in commit order: had the rollback sent one, it would be here first.
      expect(catalogNotices()).toEqual([{ sender: expect.any(String), names: ["catalog:public"] }]);
    } finally {
      await listener.end();
    }
  });
});
