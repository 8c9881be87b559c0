import http from "node:http";
import type { AnyTRPCProcedure } from "@trpc/server";
import fc from "fast-check";
import { encode } from "next-auth/jwt";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { z } from "zod";
import { authSecret } from "@/env";
import { closeDb, getDb } from "@/server/db/client";
import { carriers, couriers } from "@/server/db/schema";
import { seedLogistics } from "@/server/db/seed/logistics-seed";
import { createAuthSession } from "@/server/domain/user";
import { createPendingOrder, createUser } from "../../../test/fixtures";
import { inputFor, type JsonSchema } from "../../../test/fuzz/arbitraries";
import { requestsFor, type Call, type FuzzRequest } from "../../../test/fuzz/requests";
import { createScratchDatabase } from "../../../test/test-database";
import { listenGateway } from "../../../test/gateway-fixtures";
import { appRouter } from "./root";

/**
 * Every procedure of the app router, found by walking the router (a new procedure is fuzzed
 * without anyone listing it), called over HTTP through the gateway production runs (src/gateway: every plugin, tRPC's
 * Fastify adapter) with generated hostile input: wrong types, NUL bytes, lone surrogates, 1 MB strings, numbers
 * beyond every column, 20,000-deep nesting, lying superjson meta, broken JSON, odd content
 * types, malformed batches. No answer may be a 5xx or carry INTERNAL_SERVER_ERROR.
 *
 * Reproduce a failure with the seed it prints: FUZZ_SEED=<seed> npx vitest run <this file>.
 */
const RUNS = Number(process.env.FUZZ_RUNS ?? 70);
const SEED = Number(process.env.FUZZ_SEED ?? Math.floor(Math.random() * 2 ** 31));

type Answer = { status: number; text: string };

const procedures = Object.entries(appRouter._def.procedures as unknown as Record<string, AnyTRPCProcedure>).map(([path, procedure]) => ({
  path,
  type: procedure._def.type as Call["type"],
  schema: procedure._def.inputs[0] ? (z.toJSONSchema(procedure._def.inputs[0] as z.ZodType, { io: "input", unrepresentable: "any" }) as JsonSchema) : undefined,
}));

let scratch: { url: string; drop: () => Promise<void> };
let gateway: Awaited<ReturnType<typeof listenGateway>>;
const cookies = {} as Record<"shopper" | "admin", string>;
/** Ids of rows that exist (an order, its payment, an address, carriers…), so calls get past "not found". */
let knownIds: fc.Arbitrary<string>;

async function cookieFor(userId: string) {
  const sid = await createAuthSession(getDb(), userId);
  return `next-auth.session-token=${await encode({ token: { sid, uid: userId }, secret: authSecret(), maxAge: 3600 })}`;
}

beforeAll(async () => {
  // A database of its own: admin procedures change shop-wide settings other test files rely on.
  scratch = await createScratchDatabase(inject("adminDatabaseUrl"), "shopflow_fuzz");
  await closeDb();
  process.env.DATABASE_URL = scratch.url;
  await seedLogistics(getDb());
  const { shopper, address, product, order } = await createPendingOrder();
  const payment = await shopper.caller.payment.create({ orderId: order.id, method: "card" });
  const admin = await createUser("admin");
  cookies.shopper = await cookieFor(shopper.user.id);
  cookies.admin = await cookieFor(admin.id);
  const carrierIds = await getDb().select({ id: carriers.id }).from(carriers).limit(2);
  const courierIds = await getDb().select({ id: couriers.id }).from(couriers).limit(2);
  knownIds = fc.constantFrom(order.id, address.id, product.id, payment.payment.id, shopper.user.id, ...carrierIds.map((c) => c.id), ...courierIds.map((c) => c.id));
  // Thousands of calls a minute from two users: the shared rate limits have their own tests.
  gateway = await listenGateway({ rateLimit: false });
});

afterAll(async () => {
  agent.destroy();
  await gateway?.close();
  await closeDb();
  await scratch?.drop();
});

/**
 * A fresh connection per request: a server may rightly answer a malformed request (a GET with a
 * chunked body) with 400 and close the connection, which must not fail the next request.
 */
const agent = new http.Agent({ keepAlive: false });

function overHttp(base: string, request: FuzzRequest, headers: Record<string, string>): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const sent = http.request(`${base}${request.url}`, { method: request.method, headers, agent }, (response) => {
      const chunks: Buffer[] = [];
      response.on("data", (chunk: Buffer) => chunks.push(chunk));
      response.on("end", () => resolve({ status: response.statusCode ?? 0, text: Buffer.concat(chunks).toString("utf8") }));
      response.on("error", reject);
    });
    sent.on("error", reject);
    sent.end(request.body);
  });
}

function send(request: FuzzRequest, cookie: string): Promise<Answer> {
  return overHttp(gateway.base, request, { ...request.headers, cookie });
}

/** What is wrong with an answer, or null: a 5xx, an internal error inside a batch, a stack trace. */
function problemWith(answer: Answer): string | null {
  if (answer.status >= 500) return `HTTP ${answer.status}`;
  if (answer.text.includes("INTERNAL_SERVER_ERROR") || /"httpStatus":5\d\d/.test(answer.text)) return "an internal error in the answer";
  if (/"stack"\s*:/.test(answer.text)) return "a stack trace in the answer";
  return null;
}

const excerpt = (text: string | undefined) => (text === undefined ? "" : text.length > 300 ? `${text.slice(0, 300)}… (${text.length} chars)` : text);

describe("every tRPC procedure under hostile input", () => {
  it("finds the procedures by walking the router", () => {
    expect(procedures.length).toBeGreaterThan(90);
    expect(procedures.map((p) => p.path)).toEqual(expect.arrayContaining(["auth.signUp", "catalog.list", "adminPayment.webhooks.update"]));
  });

  it.each(procedures)("$path answers no 5xx to $type input it cannot take", async ({ path, type, schema }) => {
    // The tier decides which session gets through to the input: a shopper's, or an admin's.
    const probe = await send({ method: type === "query" ? "GET" : "POST", url: `/api/trpc/${path}`, headers: { "content-type": "application/json" }, body: type === "query" ? undefined : "" }, cookies.shopper);
    const cookie = probe.status === 403 ? cookies.admin : cookies.shopper;
    const others = procedures.filter((p) => p.path !== path).map(({ path: p, type: t }) => ({ path: p, type: t }));
    const cases = requestsFor({ path, type }, inputFor(schema, knownIds), others);
    const details = await fc.check(
      fc.asyncProperty(cases, async (request) => {
        const answer = await send(request, cookie);
        const problem = problemWith(answer);
        if (problem) throw new Error(`${problem} from ${request.method} ${excerpt(request.url)} ${excerpt(request.body)}\n→ ${excerpt(answer.text)}`);
      }),
      { seed: SEED, numRuns: RUNS, endOnFailure: true },
    );
    const failure = details.failed ? `FUZZ_SEED=${SEED} (counterexample path ${details.counterexamplePath}): ${String((details.errorInstance as Error | null)?.message ?? details.errorInstance)}` : null;
    expect(failure).toBeNull();
  });
});

describe("what surrounds the procedures", () => {
  it("answers unknown and prototype paths and a malformed session cookie without a 5xx", async () => {
    const paths = ["/api/trpc/toString", "/api/trpc/__proto__", "/api/trpc/constructor", "/api/trpc/auth.me.toString", "/api/trpc/%E0%A4%A", "/api/trpc/", "/api/trpc/,", `/api/trpc/${"auth.me,".repeat(500)}?batch=1`];
    {
      for (const url of paths) {
        for (const method of ["GET", "POST"] as const) {
          const answer = await send({ method, url, headers: method === "POST" ? { "content-type": "application/json" } : {}, body: method === "POST" ? "{}" : undefined }, cookies.shopper);
          expect(problemWith(answer), `${method} ${url}`).toBeNull();
        }
      }
      // A cookie that does not decode is no session, not a failure.
      const answer = await send({ method: "GET", url: "/api/trpc/auth.me", headers: {} }, "next-auth.session-token=%E0%A4%A");
      expect(answer.status, answer.text).toBe(200);
    }
  });
});

