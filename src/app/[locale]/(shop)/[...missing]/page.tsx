import { notFound } from "next/navigation";

/**
 * Every path is rewritten under a language, so a path no page matches lands here and gets the
 * not-found page in the reader's language, inside the shop's frame (`(shop)/not-found.tsx`).
 */
export default function MissingPage() {
  notFound();
}
