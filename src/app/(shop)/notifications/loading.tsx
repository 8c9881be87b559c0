import { RouteLoading } from "@/components/layout/route-loading";

export default function Loading() {
  return <RouteLoading rows={5} />;
}
