import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { encode } from "next-auth/jwt";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { authSecret } from "@/env";
import { closeDb, createDatabase } from "@/server/db/client";
import { isDatabaseUnavailable } from "@/server/db/errors";
import { users } from "@/server/db/schema";
import { listenGateway } from "../../../test/gateway-fixtures";
import { createTRPCRouter, publicProcedure, trpcResponseMeta } from "./trpc";

/** A port nothing listens on: every connection attempt is refused at once. */
const NOWHERE = "postgres://postgres@127.0.0.1:1/shopflow";

let gateway: Awaited<ReturnType<typeof listenGateway>>;
let cookie = "";
let previousUrl: string | undefined;

beforeAll(async () => {
  previousUrl = process.env.DATABASE_URL;
  await closeDb();
  process.env.DATABASE_URL = NOWHERE;
  gateway = await listenGateway();
  cookie = `next-auth.session-token=${await encode({ token: { sid: crypto.randomUUID(), uid: crypto.randomUUID() }, secret: authSecret(), maxAge: 3600 })}`;
});

afterAll(async () => {
  await gateway?.close();
  await closeDb();
  process.env.DATABASE_URL = previousUrl;
});

const input = (value: unknown) => `?input=${encodeURIComponent(JSON.stringify({ json: value }))}`;

describe("while PostgreSQL cannot be reached", () => {
  const json = { "content-type": "application/json" };
  const requests: [label: string, path: string, init: { signedIn?: boolean; method?: "POST"; body?: string }][] = [
    ["the session check fails", `/api/trpc/auth.me`, { signedIn: true }],
    ["a public query fails", `/api/trpc/catalog.list${input({ page: 1 })}`, {}],
    ["a mutation's session check fails", `/api/trpc/cart.add`, { signedIn: true, method: "POST", body: JSON.stringify({ json: { productId: crypto.randomUUID() } }) }],
    ["a batch fails", `/api/trpc/catalog.categories,catalog.list?batch=1&input=${encodeURIComponent('{"0":{"json":null},"1":{"json":{}}}')}`, {}],
  ];

  {
    it.each(requests)(`through the gateway: %s → 503 with Retry-After, nothing internal in the answer`, async (_label, path, { signedIn, method = "GET", body }) => {
      const init = { method, body, headers: { ...(signedIn ? { cookie } : {}), ...(body ? json : {}) } };
      const response = await fetch(`${gateway.base}${path}`, init);
      const text = await response.text();
      expect(response.status, text).toBe(503);
      expect(response.headers.get("retry-after")).toBe("5");
      expect(text).toContain("SERVICE_UNAVAILABLE");
      expect(text).not.toMatch(/ECONNREFUSED|127\.0\.0\.1|"stack"|postgres/i);
    });
  }
});

describe("an unexpected failure", () => {
  it("answers a generic 500: no message details, no stack, no Retry-After", async () => {
    const router = createTRPCRouter({
      boom: publicProcedure.query(() => {
        throw new Error("internal detail: row 42 in table secrets");
      }),
    });
    const response = await fetchRequestHandler({
      endpoint: "/api/trpc",
      req: new Request("http://localhost/api/trpc/boom"),
      router,
      createContext: () => ({ db: null as never, session: null, requestId: "test" }),
      responseMeta: trpcResponseMeta,
    });
    const text = await response.text();
    expect(response.status).toBe(500);
    expect(response.headers.get("retry-after")).toBeNull();
    expect(text).toContain("Something went wrong on our side");
    expect(text).not.toMatch(/internal detail|secrets|"stack"|\.ts:\d+/);
  });
});

describe("recognising an unreachable database from real errors", () => {
  it("tells connection failures and server shutdowns from ordinary query errors", async () => {
    const refused = postgres(NOWHERE, { max: 1, onnotice: () => {} });
    const refusal = await refused`select 1`.catch((error: unknown) => error);
    await refused.end();
    expect(isDatabaseUnavailable(refusal)).toBe(true);

    const { sql, db } = createDatabase(inject("databaseUrl"), 1);
    const admin = postgres(inject("databaseUrl"), { max: 1, onnotice: () => {} });
    try {
      // Errors of the query itself are not an outage.
      expect(isDatabaseUnavailable(await db.execute("select 'x'::int").catch((error: unknown) => error))).toBe(false);
      expect(isDatabaseUnavailable(await db.insert(users).values({ email: null as never, name: "x", passwordHash: "x" }).catch((error: unknown) => error))).toBe(false);
      expect(isDatabaseUnavailable(new Error("anything else"))).toBe(false);

      // A backend terminated by the server (57P01 admin_shutdown), seen through drizzle's wrapper.
      const [row] = await sql<{ pid: number }[]>`select pg_backend_pid() as pid`;
      const terminated = db.execute("select pg_sleep(30)").catch((error: unknown) => error);
      const deadline = Date.now() + 10_000;
      while ((await admin`select 1 from pg_stat_activity where pid = ${row!.pid} and query like 'select pg_sleep%'`).length === 0) {
        if (Date.now() > deadline) throw new Error("the sleeping query never showed up");
      }
      await admin`select pg_terminate_backend(${row!.pid})`;
      expect(isDatabaseUnavailable(await terminated)).toBe(true);
    } finally {
      await Promise.all([sql.end({ timeout: 1 }), admin.end()]);
    }
  });
});
