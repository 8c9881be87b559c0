import { initTRPC, TRPCError } from "@trpc/server";
import { getHTTPStatusCodeFromError } from "@trpc/server/http";
import superjson from "superjson";
import type { OpenApiMeta } from "trpc-to-openapi";
import { ZodError, z } from "zod";
import type { Database } from "@/server/db/client";
import { isDatabaseUnavailable } from "@/server/db/errors";
import type { Role, SessionUser } from "@/server/domain/user";
import { type CustomIssueCode, type FieldIssues, fieldIssuesOf } from "@/lib/validation/field-issue";
import { DOMAIN_ERROR_HTTP, type DomainError, type DomainErrorCode, isDomainError } from "@/server/errors";
import { logger } from "@/server/observability/logger";

/**
 * Everything a procedure may use. The route handler, the server-side caller and router
 * tests all build it through `createContext`, so each passes through the same tiers.
 */
export type Context = {
  db: Database;
  session: SessionUser | null;
  requestId: string;
  /** The caller's address (src/server/http/client-address.ts), for per-client rate limits. */
  clientIp?: string;
};

export function createContext(input: Context): Context {
  return input;
}

const t = initTRPC.context<Context>().meta<OpenApiMeta>().create({
  // superjson on the wire: dates and maps survive the trip to the browser.
  transformer: superjson,
  // The errorFormatter below never sends a stack, so tRPC need not format one for each error.
  isDev: false,
  errorFormatter({ shape, error }) {
    const cause = error.cause;
    const isInternal = error.code === "INTERNAL_SERVER_ERROR";
    return {
      ...shape,
      // Never leak internals: unexpected failures get a generic message (the log has the detail).
      message: isInternal ? "Something went wrong on our side. Please try again." : shape.message,
      data: {
        code: shape.data.code,
        httpStatus: shape.data.httpStatus,
        path: shape.data.path,
        domainCode: isDomainError(cause) ? cause.code : undefined,
        params: isDomainError(cause) ? cause.params : undefined,
        retryAfterSeconds: retryAfterOf(error),
        fieldErrors:
          cause instanceof ZodError
            ? z.flattenError(cause).fieldErrors
            : isDomainError(cause)
              ? cause.fieldErrors
              : undefined,
        // The same fields as codes and values, for pages to say in the reader's language.
        fieldIssues: cause instanceof ZodError ? fieldIssuesOf(cause.issues) : isDomainError(cause) ? domainFieldIssues(cause) : undefined,
      },
    };
  },
});

/** What a domain code says about the field it names, when the service gave no issue of its own. */
const DOMAIN_FIELD_ISSUES: Partial<Record<DomainErrorCode, CustomIssueCode>> = {
  SKU_TAKEN: "taken",
  CATEGORY_SLUG_TAKEN: "taken",
  CARRIER_CODE_TAKEN: "taken",
  EMAIL_TAKEN: "email_taken",
  WRONG_PASSWORD: "password_wrong",
  PAYMENT_METHOD_DISABLED: "not_available",
  NO_SHIPPING_OPTION: "not_available",
  NO_COURIER_AVAILABLE: "not_available",
  CARRIER_NOT_FOUND: "choose_from_list",
  ORDER_NOT_FOUND: "choose_from_list",
  ADDRESS_NOT_FOUND: "choose_from_list",
};

/** The field issues of a DomainError: its own, or one per named field from its code. */
export function domainFieldIssues(error: DomainError): FieldIssues | undefined {
  if (error.fieldIssues) return error.fieldIssues;
  if (!error.fieldErrors) return undefined;
  const code = DOMAIN_FIELD_ISSUES[error.code] ?? "invalid";
  return Object.fromEntries(Object.keys(error.fieldErrors).map((field) => [field, [{ code }]]));
}

/**
 * Whole seconds a refused caller should wait (a RATE_LIMITED DomainError says how long), or
 * undefined. Read by shape, not by class, like every error check here (see isDomainError).
 */
export function retryAfterOf(error: unknown): number | undefined {
  const cause = error instanceof TRPCError ? error.cause : error;
  const seconds = (cause as { retryAfterSeconds?: unknown } | undefined)?.retryAfterSeconds;
  return typeof seconds === "number" && Number.isFinite(seconds) && seconds > 0 ? Math.ceil(seconds) : undefined;
}

/** Seconds a caller is asked to wait (Retry-After) while the database cannot be reached. */
export const UNAVAILABLE_RETRY_AFTER_SECONDS = 5;
const UNAVAILABLE_MESSAGE = "The service is briefly unavailable. Please try again in a few seconds.";

/**
 * The one mapping from whatever a procedure or a context builder threw to what the caller
 * gets: a DomainError → its code from DOMAIN_ERROR_HTTP; the database unreachable →
 * SERVICE_UNAVAILABLE (503 with Retry-After); an expected TRPCError → itself; anything else →
 * INTERNAL_SERVER_ERROR with a generic message (see errorFormatter), logged here, once.
 */
export function toTRPCError(error: unknown, path?: string): TRPCError {
  const cause = error instanceof TRPCError && error.code === "INTERNAL_SERVER_ERROR" ? (error.cause ?? error) : error;
  if (isDomainError(cause)) return new TRPCError({ code: DOMAIN_ERROR_HTTP[cause.code], message: cause.message, cause });
  if (isDatabaseUnavailable(cause)) {
    logger.warn({ err: cause, path }, "database unavailable");
    return new TRPCError({ code: "SERVICE_UNAVAILABLE", message: UNAVAILABLE_MESSAGE, cause });
  }
  if (error instanceof TRPCError && error.code !== "INTERNAL_SERVER_ERROR") return error;
  logger.error({ err: cause, path }, "procedure failed");
  return error instanceof TRPCError ? error : new TRPCError({ code: "INTERNAL_SERVER_ERROR", cause: cause instanceof Error ? cause : undefined });
}

function mapErrors<R extends { ok: boolean; error?: TRPCError }>(result: R, path: string): R {
  if (!result.ok && result.error) {
    const mapped = toTRPCError(result.error, path);
    if (mapped !== result.error) throw mapped;
  }
  return result;
}

/** The Retry-After header an answer with this HTTP status carries, if any. */
export function retryAfterFor(status: number): string | undefined {
  return status === 503 ? String(UNAVAILABLE_RETRY_AFTER_SECONDS) : undefined;
}

/**
 * The HTTP side of the error mapping, for tRPC's adapters (`responseMeta`): an answer that
 * refuses a caller for a while carries `Retry-After` — a rate limit's own wait, or a 503's —
 * the longest wait in a batch.
 */
export function trpcResponseMeta({ errors }: { errors: readonly TRPCError[] }): { headers?: Record<string, string> } {
  const waits = errors
    .map((error) => retryAfterOf(error) ?? Number(retryAfterFor(getHTTPStatusCodeFromError(error)) ?? NaN))
    .filter((s) => Number.isFinite(s));
  return waits.length > 0 ? { headers: { "retry-after": String(Math.max(...waits)) } } : {};
}

export const createTRPCRouter = t.router;
export const createCallerFactory = t.createCallerFactory;

export const publicProcedure = t.procedure.use(async ({ next, path }) => mapErrors(await next(), path));

/**
 * A procedure for signed-in users, of one role when `only` says so: UNAUTHORIZED without a
 * session, FORBIDDEN for another role. The role check and the error mapping share one
 * middleware: tRPC copies a call's options at every middleware level, on every request.
 */
function sessionProcedure(only?: { role: Role; forbidden: string }) {
  return t.procedure.use(async ({ ctx, next, path }) => {
    if (!ctx.session) throw new TRPCError({ code: "UNAUTHORIZED", message: "Sign in to continue" });
    if (only && ctx.session.role !== only.role) throw new TRPCError({ code: "FORBIDDEN", message: only.forbidden });
    return mapErrors(await next({ ctx: { session: ctx.session } }), path);
  });
}

/** Any signed-in shopper. UNAUTHORIZED without a session, FORBIDDEN for admins. */
export const shopperProcedure = sessionProcedure({ role: "shopper", forbidden: "Shopper accounts only" });

/** Admins only. UNAUTHORIZED without a session, FORBIDDEN for shoppers. */
export const adminProcedure = sessionProcedure({ role: "admin", forbidden: "Admins only" });

/** Any signed-in user, whatever the role. */
export const authedProcedure = sessionProcedure();
