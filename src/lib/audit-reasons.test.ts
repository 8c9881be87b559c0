import { describe, expect, it } from "vitest";
import { createTranslator } from "use-intl";
import { MESSAGES } from "@/i18n/messages";
import { LOCALES } from "@/i18n/config";
import { AUDIT_REASON_CODES, AUDIT_REASONS, auditReasonCodeText, auditReasonText, type AuditTranslator } from "./audit-reasons";

type Tree = { [key: string]: unknown };
const at = (tree: unknown, path: string) => path.split(".").reduce<unknown>((node, key) => (node && typeof node === "object" ? (node as Tree)[key] : undefined), tree);
/**
 * The ICU arguments a message uses (`{name}`, `{name, select, ...}`): a brace opened in message
 * text (even depth) starts an argument; one opened inside an argument (odd depth) is a select's option.
 */
function argumentsOf(message: string): Set<string> {
  const names = new Set<string>();
  let depth = 0;
  for (let i = 0; i < message.length; i++) {
    if (message[i] === "{") {
      if (depth % 2 === 0) names.add(/^\{\s*(\w+)/.exec(message.slice(i))?.[1] ?? "");
      depth++;
    } else if (message[i] === "}") depth--;
  }
  return names;
}

const translatorFor = (locale: (typeof LOCALES)[number]) => createTranslator({ locale, messages: MESSAGES[locale], namespace: "audit" }) as unknown as AuditTranslator;

describe("audit reason labels", () => {
  it.each(LOCALES)("every reason code has a label in %s that uses only the code's declared parameters", (locale) => {
    const missing = AUDIT_REASON_CODES.filter((code) => typeof at(MESSAGES[locale].audit.reason, code) !== "string");
    expect(missing).toEqual([]);
    for (const code of AUDIT_REASON_CODES) {
      const used = argumentsOf(at(MESSAGES[locale].audit.reason, code) as string);
      expect([...used].filter((name) => !(AUDIT_REASONS[code] as readonly string[]).includes(name)), `${locale} ${code}`).toEqual([]);
    }
  });

  it.each(LOCALES)("every label in %s formats with or without its parameters, never showing a placeholder or the code", (locale) => {
    const t = translatorFor(locale);
    for (const code of AUDIT_REASON_CODES) {
      for (const params of [null, Object.fromEntries(AUDIT_REASONS[code].map((name) => [name, "something_new"]))]) {
        const text = auditReasonText(t, { reasonCode: code, reasonParams: params, note: null })!;
        expect(text, `${locale} ${code}`).not.toMatch(/[{}]|something_new/);
        expect(text).not.toContain(code);
      }
    }
  });

  it("the catalog holds no label for a code that does not exist (a renamed code would leave one behind)", () => {
    const labelled = Object.entries(MESSAGES.en.audit.reason).flatMap(([group, labels]) => Object.keys(labels).map((name) => `${group}.${name}`));
    expect(labelled.filter((code) => !AUDIT_REASON_CODES.includes(code as never))).toEqual([]);
  });

  it("labels parameters in the reader's language, and keeps a person's note (or an old English reason) as written", () => {
    const zh = translatorFor("zh-CN");
    expect(auditReasonText(zh, { reasonCode: "gateway.charge_failed", reasonParams: { failureCode: "insufficient_funds" }, note: null })).toBe("支付网关拒绝扣款：余额不足");
    expect(auditReasonText(zh, { reasonCode: "admin.order_cancelled", reasonParams: null, note: "客户来电" })).toBe("管理员取消 · 客户来电");
    expect(auditReasonText(zh, { reasonCode: null, reasonParams: null, note: "payment window expired" })).toBe("payment window expired");
    expect(auditReasonText(zh, { reasonCode: null, reasonParams: null, note: null })).toBeNull();
  });

  it("a code this build does not know reads 'Other reason'; the code itself is for the details disclosure", () => {
    const en = translatorFor("en");
    expect(auditReasonText(en, { reasonCode: "payment.from_the_future", reasonParams: null, note: null })).toBe("Other reason");
    expect(auditReasonCodeText({ reasonCode: "admin.exception_resolved", reasonParams: { resolution: "lost" } })).toBe('admin.exception_resolved {"resolution":"lost"}');
  });
});
