import { NotFoundContent } from "@/components/layout/not-found-content";

/** Inside the shop layout, so the header stays when an order or product is not found. */
export default function ShopNotFound() {
  return <NotFoundContent />;
}
