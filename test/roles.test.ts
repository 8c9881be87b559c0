import { encode } from "next-auth/jwt";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { authSecret } from "@/env";
import { getDb } from "@/server/db/client";
import { createAuthSession } from "@/server/domain/user";
import { roleFrom } from "../scripts/role";
import postgres from "postgres";
import { createUser } from "./fixtures";
import { startRole, type RoleProcess } from "./processes";
import { createScratchDatabase } from "./test-database";

/**
 * shopflow as several processes on one database: two gateways started as `npm start` starts
 * them (scripts/role.ts), spoken to over real sockets.
 */
const gateways: RoleProcess[] = [];

beforeAll(async () => {
  const env = { DATABASE_URL: inject("databaseUrl"), NEXTAUTH_SECRET: authSecret(), GATEWAY_SECRET: "test-gateway-secret-0000" };
  gateways.push(...(await Promise.all([startRole("gateway", env), startRole("gateway", env)])));
});

afterAll(async () => {
  await Promise.all(gateways.map((g) => g.stop()));
});

describe("two gateways sharing one rate limit", () => {
  // A database of their own: the allowance is a shop-wide setting other test files rely on.
  const limited: RoleProcess[] = [];
  let scratch: Awaited<ReturnType<typeof createScratchDatabase>>;
  beforeAll(async () => {
    scratch = await createScratchDatabase(inject("adminDatabaseUrl"), "shopflow_roles");
    const sql = postgres(scratch.url, { max: 1, onnotice: () => {} });
    await sql`insert into app_settings (namespace, value) values ('api', ${sql.json({ requestsPerMinute: 10 })})`;
    await sql.end();
    const env = { DATABASE_URL: scratch.url, NEXTAUTH_SECRET: authSecret(), GATEWAY_SECRET: "test-gateway-secret-0000" };
    limited.push(...(await Promise.all([startRole("gateway", env), startRole("gateway", env)])));
  });
  afterAll(async () => {
    await Promise.all(limited.map((g) => g.stop()));
    await scratch?.drop();
  });

  it("count one client's requests together across both, and a made-up X-Forwarded-For does not reset the count", async () => {
    const answers: Response[] = [];
    // The allowance counts in fixed one-minute windows: a burst across a window's end would be
    // counted twice. The 3 s burst starts at least 10 s before the current window ends.
    const leftInWindow = 60_000 - (Date.now() % 60_000);
    if (leftInWindow < 10_000) await new Promise((resolve) => setTimeout(resolve, leftInWindow + 100));
    // A client calling about 20 times a second (paced, not waiting for anything): each gateway
    // syncs its counts every 200 ms, so the two see each other's calls as they go.
    for (let i = 0; i < 60; i++) {
      if (i > 0) await new Promise((resolve) => setTimeout(resolve, 50));
      const gateway = limited[i % 2]!;
      // Without TRUST_PROXY the header is ignored: honoured, each request would be a new client.
      answers.push(await fetch(`${gateway.base}/api/trpc/catalog.categories`, { headers: { "x-forwarded-for": `198.51.100.${i}` } }));
    }
    const allowed = answers.filter((a) => a.status === 200).length;
    const refused = answers.filter((a) => a.status === 429);
    // Counted apart, two gateways would let 2 × 10 through; together about 10 (plus the
    // documented overshoot of one flush interval).
    expect(allowed).toBeGreaterThanOrEqual(10);
    expect(allowed).toBeLessThan(20);
    expect(refused.length).toBe(60 - allowed);
    for (const answer of refused) {
      expect(Number(answer.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
      expect(answer.headers.get("ratelimit-limit")).toBe("10");
    }
  });
});

describe("roles", () => {
  it("are chosen by --role or SHOPFLOW_ROLE, and a missing or unknown one is refused by name", () => {
    expect(roleFrom(["--role", "worker"], {})).toBe("worker");
    expect(roleFrom(["--role=web"], {})).toBe("web");
    expect(roleFrom([], { SHOPFLOW_ROLE: "gateway" })).toBe("gateway");
    expect(roleFrom(["--role", "gateway"], { SHOPFLOW_ROLE: "worker" })).toBe("gateway");
    expect(() => roleFrom([], {})).toThrow(/--role gateway\|web\|worker/);
    expect(() => roleFrom(["--role", "admin"], {})).toThrow(/"admin"/);
  });
});

describe("two gateways on one database", () => {
  it("accept the same session: a shopper signed in once is known to both", async () => {
    const user = await createUser("shopper");
    const sid = await createAuthSession(getDb(), user.id);
    const cookie = `next-auth.session-token=${await encode({ token: { sid, uid: user.id }, secret: authSecret(), maxAge: 3600 })}`;
    for (const gateway of gateways) {
      const answer = await fetch(`${gateway.base}/api/trpc/auth.me`, { headers: { cookie } });
      expect(answer.status).toBe(200);
      expect((await answer.json()).result.data.json).toMatchObject({ id: user.id, email: user.email });
    }
  });

  it("serve browser batches and write one JSON access line per request, naming the procedures", async () => {
    const gateway = gateways[0]!;
    const batch = `/api/trpc/catalog.categories,auth.me?batch=1&input=${encodeURIComponent('{"0":{"json":null},"1":{"json":null}}')}`;
    const answer = await fetch(`${gateway.base}${batch}`, { headers: { "x-request-id": "roles-test-batch-1" } });
    expect(answer.status).toBe(200);
    expect(answer.headers.get("x-request-id")).toBe("roles-test-batch-1");
    expect(await answer.json()).toHaveLength(2);
    const deadline = Date.now() + 5_000;
    let line: Record<string, unknown> | undefined;
    while (!line && Date.now() < deadline) {
      line = gateway.output
        .join("")
        .split("\n")
        .filter((l) => l.includes("roles-test-batch-1"))
        .map((l) => JSON.parse(l) as Record<string, unknown>)
        .find((l) => l.type === "access");
      if (!line) await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(line).toMatchObject({ method: "GET", route: "trpc batch catalog.categories", status: 200, requestId: "roles-test-batch-1" });
    // Nothing but JSON on the gateway's output.
    for (const text of gateway.output.join("").split("\n").filter(Boolean)) expect(() => JSON.parse(text), text).not.toThrow();
  });

  it("answer /api/inngest in local mode with the mode, never a 500", async () => {
    const answer = await fetch(`${gateways[1]!.base}/api/inngest`, { method: "PUT" });
    expect(answer.status).toBe(409);
    expect(await answer.json()).toMatchObject({ mode: "off", error: "NOT_IN_INNGEST_MODE" });
  });
});
