import type { DbOrTx } from "@/server/db/client";
import { shippingServiceNames } from "@/server/domain/logistics";
import { getShopperOrder, type ShopperOrderDetail } from "@/server/domain/order";

/** One of the shopper's orders (ORDER_NOT_FOUND for anyone else's) with the names of the carrier and service bought. Reads only. */
export async function getShopperOrderDetail(db: DbOrTx, { userId, orderId }: { userId: string; orderId: string }): Promise<ShopperOrderDetail> {
  const order = await getShopperOrder(db, { userId, orderId });
  const shippingService = order.carrierCode ? await shippingServiceNames(db, { carrierCode: order.carrierCode, serviceLevel: order.serviceLevel }) : null;
  return { ...order, shippingService };
}
