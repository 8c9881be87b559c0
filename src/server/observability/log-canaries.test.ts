import { Writable } from "node:stream";
import { afterAll, describe, expect, it, vi } from "vitest";
import { createTRPCRouter, publicProcedure } from "@/server/api/trpc";
import { getDb, getSql } from "@/server/db/client";
import { users } from "@/server/db/schema";
import { createWebhookEndpoint } from "@/server/domain/payment";
import { registerShopper } from "@/server/domain/user";
import { callerAs, createAdmin } from "../../../test/fixtures";
import { logger } from "./logger";

/**
 * The app's own logger (its real options: redaction, serializers, formatters), writing into
 * memory instead of stdout — and into the log store, as the roles do — wherever the code under
 * test logs through it.
 */
const captured = vi.hoisted(() => ({ text: "", store: undefined as import("./log-store").LogStore | undefined }));
vi.mock("./logger", async (importOriginal) => {
  const actual = await importOriginal<typeof import("./logger")>();
  const { createLogStore } = await import("./log-store");
  const sink = new Writable({
    write(chunk, _encoding, done) {
      captured.text += String(chunk);
      done();
    },
  });
  captured.store = createLogStore({ url: process.env.DATABASE_URL!, role: "canary-test", flushMs: 50 });
  return { ...actual, logger: actual.createLogger({ level: "trace" }, actual.withLogStore(captured.store, sink)) };
});

const run = Date.now().toString(36);
const CANARY = {
  email: `canary-mail-${run}@example.test`,
  password: `canary-password-${run}`,
  cardNumber: "4000000000009995",
  cvc: "739",
  sessionToken: `canary-session-token-${run}`,
  apiSecret: `canary-api-secret-${run}`,
  webhookSecret: `canary-webhook-secret-${run}`,
  queryValue: `canary-query-value-${run}`,
};
/**
 * How each canary would show if it leaked. Most are unique strings. The card's security code is
 * three digits, which turn up by chance in a line's time ("…:50.739Z"), a stack's line numbers
 * or an id: it leaks only where it stands as a value or a word of its own.
 */
function leakPattern(canary: string): RegExp {
  const escaped = canary.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return /^\d{3,4}$/.test(canary) ? new RegExp(`(?<![\\w.:-])${escaped}(?!\\w)`) : new RegExp(escaped);
}
const BCRYPT_HASH = /\$2[aby]\$\d\d\$[./A-Za-z0-9]{20,}/;

/** A procedure that lets a service fail the way only unvalidated input could, through the real tiers and error mapping. */
const failing = createTRPCRouter({
  run: publicProcedure.mutation(({ ctx }) => failures[current]!(ctx.db)),
});
let current = 0;
let adminId = "";
const failures: ((db: ReturnType<typeof getDb>) => Promise<unknown>)[] = [
  // An insert PostgreSQL refuses (NUL byte), its parameters holding an e-mail and a bcrypt hash.
  (db) => registerShopper(db, { email: `other-${CANARY.email}`, name: "Nul\u0000Name", password: CANARY.password }),
  // A unique violation: PostgreSQL's `detail` quotes the duplicated e-mail.
  async (db) => {
    await db.insert(users).values({ email: CANARY.email, name: "Dup", passwordHash: "x", role: "shopper" }).onConflictDoNothing();
    return db.insert(users).values({ email: CANARY.email, name: "Dup", passwordHash: CANARY.password, role: "shopper" });
  },
  // A data error whose message quotes the refused value.
  () => getSql()`select ${CANARY.queryValue}::int`,
  // A webhook endpoint whose insert fails, with its signing secret among the parameters.
  (db) => createWebhookEndpoint(db, { input: { url: "https://example.test/hook", description: "bad\u0000", secret: CANARY.webhookSecret }, adminId }),
];

afterAll(async () => {
  vi.restoreAllMocks();
  await captured.store?.close();
});

describe("logs never carry secrets or query parameters", () => {
  it("keeps every canary out of the log while errors are still logged usefully", async () => {
    const admin = await createAdmin();
    adminId = admin.user.id;

    // The sign-up of the original report: a NUL byte in the name, through the public procedure.
    await callerAs(null)
      .auth.signUp({ email: CANARY.email.replace("canary", "signup"), name: "Nul\u0000Name", password: CANARY.password })
      .catch(() => undefined);

    const caller = failing.createCaller({ db: getDb(), session: null, requestId: "canary-test" });
    for (current = 0; current < failures.length; current++) await expect(caller.run()).rejects.toThrow();

    // Errors and objects logged directly, the way any module might.
    logger.error(Object.assign(new Error("charge declined"), { cardNumber: CANARY.cardNumber, cvc: CANARY.cvc, secret: CANARY.apiSecret }));
    logger.warn({ payment: { card: { number: CANARY.cardNumber, cvc: CANARY.cvc } } }, "card payment failed");
    logger.info({ request: { headers: { cookie: `next-auth.session-token=${CANARY.sessionToken}`, authorization: `Bearer ${CANARY.apiSecret}` } } }, "request");
    logger.child({ merchant: { apiKey: CANARY.apiSecret } }).warn({ deep: { a: { b: { sessionToken: CANARY.sessionToken, password: CANARY.password } } } }, "child");
    logger.error({ err: new Error("webhook failed", { cause: { endpoint: { secret: CANARY.webhookSecret } } }) });

    const log = captured.text;
    const lines = log.trim().split("\n");
    expect(lines.length).toBeGreaterThanOrEqual(failures.length + 5);
    // Each unexpected failure is logged once, by the error mapping.
    expect(lines.filter((line) => line.includes('"path":"run"'))).toHaveLength(failures.length);
    for (const [name, canary] of Object.entries(CANARY)) expect(log, `${name} leaked`).not.toMatch(leakPattern(canary));
    expect(log).not.toMatch(BCRYPT_HASH);
    expect(log).not.toMatch(/params:|"parameters"|"detail"/);

    // What an operator needs is still there: the failing statement, the SQLSTATE, the stack.
    expect(log).toContain("Failed query: insert into \\\"users\\\"");
    expect(log).toMatch(/"code":"22021"/); // NUL byte
    expect(log).toMatch(/"code":"23505"/); // unique violation
    expect(log).toMatch(/"code":"22P02"/); // bad integer text
    expect(log).toContain("at ");

    // The log store holds the very same lines, so the same canaries stay out of it.
    await captured.store!.flush();
    const stored = await getSql()<{ line: string }[]>`select line::text as line from app_logs where role = 'canary-test' order by id`;
    expect(stored).toHaveLength(lines.length);
    const storedText = stored.map((row) => row.line).join("\n");
    for (const [name, canary] of Object.entries(CANARY)) expect(storedText, `${name} leaked into the store`).not.toMatch(leakPattern(canary));
    expect(storedText).not.toMatch(BCRYPT_HASH);
    expect(storedText).not.toMatch(/params:|"parameters"|"detail"/);
    expect(storedText).toMatch(/"code": "23505"/);
  });
});
