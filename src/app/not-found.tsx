import { NotFoundContent, notFoundMetadata } from "@/components/layout/not-found-content";

export const generateMetadata = notFoundMetadata;

export default function NotFound() {
  return (
    <main>
      <NotFoundContent />
    </main>
  );
}
