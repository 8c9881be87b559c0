import { createTranslator, type NamespaceKeys, type NestedKeyOf } from "use-intl/core";
import { TIME_ZONE, type Locale } from "./config";
import { MESSAGES, type Messages } from "./messages";

export type Namespace = NamespaceKeys<Messages, NestedKeyOf<Messages>>;

const makeTranslator = <N extends Namespace>(locale: Locale, namespace: N) => createTranslator({ locale, messages: MESSAGES[locale], namespace, timeZone: TIME_ZONE });

/**
 * One translator per language and namespace for the life of the process. A translator keeps the
 * messages it has parsed (ICU syntax, into IntlMessageFormat), so a new one per server component
 * per view parsed every message it showed again — the home page's ≈ 25 on every view. The
 * messages never change while the process runs, so sharing is safe; the map holds at most
 * languages × namespaces entries.
 */
const translators = new Map<string, unknown>();

export function translatorFor<N extends Namespace>(locale: Locale, namespace: N): ReturnType<typeof makeTranslator<N>> {
  const key = `${locale}\u0000${namespace}`;
  let translator = translators.get(key) as ReturnType<typeof makeTranslator<N>> | undefined;
  if (!translator) {
    translator = makeTranslator(locale, namespace);
    translators.set(key, translator);
  }
  return translator;
}
