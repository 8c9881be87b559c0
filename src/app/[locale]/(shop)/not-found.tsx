import { NotFoundContent } from "@/components/layout/not-found-content";
import { notFoundMetadata } from "@/components/layout/not-found-metadata";

export const generateMetadata = notFoundMetadata;

/** Inside the shop layout, so the header stays when an order or product is not found. */
export default function ShopNotFound() {
  return <NotFoundContent />;
}
