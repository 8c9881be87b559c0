import { describe, expect, it } from "vitest";
import { z } from "zod";
import { FIELD_ISSUE_CODES, fieldIssueOf, fieldIssuesOf } from "@/lib/validation/field-issue";
import { PATTERNS } from "@/lib/validation/patterns";
import { ADDRESS_RULES, checkFields, EMAIL_PATTERN, SIGN_UP_RULES } from "@/lib/validation/text-rules";
import { ZAddressInput } from "@/server/domain/address/address.schemas";
import { ZChangePasswordInput, ZSignUpInput } from "@/server/domain/user/user.schemas";
import { zDate, zDay, zMinorUnits, zPatchOf, zText } from "./fields";

const issuesOf = (result: z.ZodSafeParseResult<unknown>) => (result.success ? {} : fieldIssuesOf(result.error.issues));

const GOOD_ADDRESS = { recipient: "刘洋", phone: "13512345678", province: "广东省", city: "深圳市", district: "南山区", detail: "科技园南路 1 号" };
const GOOD_SIGN_UP = { email: "li@example.com", name: "Li", password: "longenough" };

describe("field issues from zod issues", () => {
  it("reads lengths, formats, patterns and types off zod's own issues", () => {
    const schema = z.object({
      name: zText(40).min(1),
      code: zText(8).min(3),
      phone: zText(20).regex(PATTERNS.phone),
      email: z.email(),
      id: z.uuid(),
      count: z.number().int().min(1).max(9),
      price: zMinorUnits(),
      tags: z.array(z.string()).max(1),
      kind: z.enum(["a", "b"]),
      day: zDay(),
      at: zDate(),
    });
    const issues = issuesOf(schema.safeParse({ name: "x".repeat(41), code: "ab", phone: "12", email: "no", id: "no", count: 0, price: 1.5, tags: ["a", "b"], kind: "c", day: "2026-02-30", at: "not a date" }));
    expect(issues).toEqual({
      name: [{ code: "too_long", params: { max: 40 } }],
      code: [{ code: "too_short", params: { min: 3 } }],
      phone: [{ code: "pattern", params: { pattern: "phone" } }],
      email: [{ code: "invalid_email" }],
      id: [{ code: "invalid_id" }],
      count: [{ code: "too_small", params: { min: 1, inclusive: "yes" } }],
      price: [{ code: "not_whole" }],
      tags: [{ code: "too_many", params: { max: 1 } }],
      kind: [{ code: "invalid_choice" }],
      day: [{ code: "invalid_day" }],
      at: [{ code: "invalid_date" }],
    });
    expect(issuesOf(z.object({ name: zText(40).min(1) }).safeParse({ name: "   " }))).toEqual({ name: [{ code: "required" }] });
    expect(issuesOf(z.object({ name: zText(40) }).safeParse({ name: "a\u0000b" }))).toEqual({ name: [{ code: "unstorable_text" }] });
  });

  it("keeps our own refinements' codes and values, and never invents a code", () => {
    expect(issuesOf(z.object({ patch: zPatchOf(z.object({ a: z.string() })) }).safeParse({ patch: {} }))).toEqual({ patch: [{ code: "empty_patch" }] });
    expect(issuesOf(ZChangePasswordInput.safeParse({ currentPassword: "", newPassword: "aaaaaaaaaaaa" }))).toEqual({
      currentPassword: [{ code: "required" }],
      newPassword: [{ code: "password_too_simple" }],
    });
    const stranger = z.object({ a: z.string().refine(() => false, { message: "no", params: { code: "not_a_code" } }) });
    expect(issuesOf(stranger.safeParse({ a: "x" }))).toEqual({ a: [{ code: "invalid" }] });
    const codes = new Set<string>(FIELD_ISSUE_CODES);
    for (const zodIssue of ZAddressInput.safeParse({ ...GOOD_ADDRESS, phone: "x", recipient: "", extra: 1 }).error!.issues) expect(codes.has(fieldIssueOf(zodIssue).code)).toBe(true);
  });
});

describe("a form's own check names what the server would", () => {
  const ADDRESS_DRAFTS = [
    GOOD_ADDRESS,
    { ...GOOD_ADDRESS, recipient: "", phone: "12" },
    { ...GOOD_ADDRESS, recipient: "   ", phone: "" },
    { ...GOOD_ADDRESS, recipient: "名".repeat(41), detail: "路".repeat(201) },
    { ...GOOD_ADDRESS, phone: "+86 135-1234-5678", city: "" },
    { ...GOOD_ADDRESS, phone: "1".repeat(21), district: "a\u0000" },
  ];
  const SIGN_UP_DRAFTS = [
    GOOD_SIGN_UP,
    { email: "not an email", name: "", password: "short" },
    { email: "  LI@EXAMPLE.COM ", name: "n".repeat(81), password: "p".repeat(129) },
    { email: `${"a".repeat(250)}@x.cn`, name: "  Li  ", password: " spaced  " },
    { email: "", name: "Li", password: "" },
  ];

  it("on the address form", () => {
    for (const draft of ADDRESS_DRAFTS) expect(checkFields(draft, ADDRESS_RULES) ?? {}, JSON.stringify(draft)).toEqual(issuesOf(ZAddressInput.safeParse(draft)));
  });

  it("on the sign-up form", () => {
    for (const draft of SIGN_UP_DRAFTS) expect(checkFields(draft, SIGN_UP_RULES) ?? {}, JSON.stringify(draft)).toEqual(issuesOf(ZSignUpInput.safeParse(draft)));
  });

  it("with the email pattern zod checks", () => {
    expect(EMAIL_PATTERN.source).toBe(z.regexes.email.source);
  });
});
