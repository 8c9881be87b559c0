import { and, eq, sql } from "drizzle-orm";
import type { DbOrTx } from "@/server/db/client";
import { prepared } from "@/server/db/prepared";
import { products } from "@/server/db/schema";

/**
 * Whether `productId` is a product on sale (what `getProduct` shows): the one read the gateway
 * makes before it serves the product page's shell, so an unknown or withdrawn product answers
 * 404 before anything renders. One primary-key lookup, built once. Read-only.
 */
export async function isListedProduct(db: DbOrTx, productId: string): Promise<boolean> {
  const query = prepared(db, "is-listed-product", (d) =>
    d
      .select({ one: sql<number>`1` })
      .from(products)
      .where(and(eq(products.id, sql.placeholder("productId")), eq(products.active, true)))
      .limit(1)
      .prepare("is_listed_product"),
  );
  return (await query.execute({ productId })).length > 0;
}
