import { STATUS_CODES } from "node:http";
import { type FieldIssue, type FieldIssues, fieldIssueOf } from "@/lib/validation/field-issue";

/**
 * The one error shape of the REST API: RFC 9457 `application/problem+json`. `type` names the
 * kind of problem (a stable URI reference into docs/api.md), `code` the domain code a program
 * branches on, `errors` the field messages of a refused input, `requestId` the line to look for
 * in the logs.
 */
export type Problem = {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  requestId: string;
  errors?: Record<string, string[] | undefined>;
  /** The same fields' problems as codes and values (`{ code: "too_long", params: { max: 40 } }`), for a program or a translated message. */
  fieldIssues?: FieldIssues;
  retryAfterSeconds?: number;
};

export const PROBLEM_CONTENT_TYPE = "application/problem+json; charset=utf-8";

export function problem(input: {
  status: number;
  code: string;
  detail: string;
  requestId: string;
  errors?: Problem["errors"];
  fieldIssues?: FieldIssues;
  retryAfterSeconds?: number;
}): Problem {
  const slug = input.code.toLowerCase().replaceAll("_", "-");
  return {
    type: `/docs/api#${slug}`,
    title: STATUS_CODES[input.status] ?? "Error",
    status: input.status,
    detail: input.detail,
    code: input.code,
    requestId: input.requestId,
    ...(input.errors && Object.keys(input.errors).length > 0 ? { errors: input.errors } : {}),
    ...(input.fieldIssues && Object.keys(input.fieldIssues).length > 0 ? { fieldIssues: input.fieldIssues } : {}),
    ...(input.retryAfterSeconds ? { retryAfterSeconds: input.retryAfterSeconds } : {}),
  };
}

type ErrorBody = {
  message?: unknown;
  code?: unknown;
  issues?: { path?: PropertyKey[]; message?: string }[];
  data?: { domainCode?: unknown; fieldErrors?: unknown; fieldIssues?: unknown; retryAfterSeconds?: unknown };
  error?: { code?: unknown; message?: unknown; retryAfterSeconds?: unknown };
};

/**
 * A problem from whatever error body an /api/v1 answer carries: the REST adapter's (tRPC's
 * error shape with our errorFormatter's data), or the gateway's own (`{ error: { code, message } }`
 * for 404, 413, 415, 429, 503).
 */
export function problemFromBody(status: number, body: ErrorBody, requestId: string): Problem {
  // Already a problem (the rate limiter writes its own): kept, with the request id.
  const already = body as Partial<Problem>;
  if (typeof already.type === "string" && typeof already.title === "string" && already.status === status) return { ...(already as Problem), requestId };
  const own = body.error;
  if (own) {
    return problem({ status, code: String(own.code ?? "ERROR"), detail: String(own.message ?? STATUS_CODES[status] ?? "Error"), requestId, retryAfterSeconds: numberOr(own.retryAfterSeconds) });
  }
  const data = body.data ?? {};
  let errors = (data.fieldErrors as Problem["errors"]) ?? undefined;
  let fieldIssues = (data.fieldIssues as FieldIssues | undefined) ?? undefined;
  if (!errors && body.issues?.length) {
    errors = {};
    const issues: Record<string, FieldIssue[]> = {};
    for (const issue of body.issues) {
      const field = (issue.path ?? []).map(String).join(".") || "body";
      (errors[field] ??= []).push(issue.message ?? "is invalid");
      (issues[field] ??= []).push(typeof (issue as { code?: unknown }).code === "string" ? fieldIssueOf(issue as never) : { code: "invalid" });
    }
    fieldIssues = issues;
  }
  return problem({
    status,
    code: String(data.domainCode ?? body.code ?? "ERROR"),
    detail: String(body.message ?? STATUS_CODES[status] ?? "Error"),
    requestId,
    errors,
    fieldIssues,
    retryAfterSeconds: numberOr(data.retryAfterSeconds),
  });
}

const numberOr = (value: unknown) => (typeof value === "number" && Number.isFinite(value) ? value : undefined);
