import { NotFoundContent, notFoundMetadata } from "@/components/layout/not-found-content";

export const generateMetadata = notFoundMetadata;

export default function AdminNotFound() {
  return <NotFoundContent titleTemplate="%s · Admin · shopflow" />;
}
