import { NotFoundContent } from "@/components/layout/not-found-content";
import { notFoundMetadata } from "@/components/layout/not-found-metadata";

export const generateMetadata = notFoundMetadata;

export default function NotFound() {
  return (
    <main>
      <NotFoundContent />
    </main>
  );
}
