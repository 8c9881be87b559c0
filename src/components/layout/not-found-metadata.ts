import type { Metadata } from "next";
import { getTranslations } from "@/i18n/server";

/**
 * The not-found pages' title, in the reader's language (each not-found.tsx exports it as
 * generateMetadata). Next answers a not-found view with its error document, whose head carries
 * this metadata; the message itself (NotFoundContent) is rendered in the browser. Next resolves
 * it only for a not-found answer, so pages built once per language stay built once.
 */
export async function notFoundMetadata(): Promise<Metadata> {
  const t = await getTranslations("common");
  return { title: t("states.notFoundTitle"), robots: { index: false } };
}
