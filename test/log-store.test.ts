import net from "node:net";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { authSecret } from "@/env";
import { startRole, until, type RoleProcess } from "./processes";

/**
 * The log store as the roles run it (scripts/role.ts, NODE_ENV=production, store on by
 * default): several processes writing into one table, and a store that does not answer
 * costing requests nothing.
 */
const run = Date.now().toString(36);
const sql = postgres(inject("databaseUrl"), { max: 1, onnotice: () => {} });
const env = () => ({ DATABASE_URL: inject("databaseUrl"), NEXTAUTH_SECRET: authSecret(), GATEWAY_SECRET: "test-gateway-secret-0000" });
let a: RoleProcess, b: RoleProcess, unheard: RoleProcess;
const sockets: net.Socket[] = [];
// A "database" that accepts connections and never answers: the slowest possible store.
const silent = net.createServer((socket) => void sockets.push(socket));

beforeAll(async () => {
  await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
  const { port } = silent.address() as net.AddressInfo;
  // Started together: two on the real store, one whose store never answers.
  [a, b, unheard] = await Promise.all([startRole("gateway", env()), startRole("gateway", env()), startRole("gateway", { ...env(), LOG_STORE_URL: `postgres://postgres@127.0.0.1:${port}/logs` })]);
});

afterAll(async () => {
  await Promise.all([a, b, unheard].filter(Boolean).map((p) => p.stop()));
  for (const socket of sockets) socket.destroy();
  silent.close();
  await sql.end();
});

const get = (base: string, path: string, requestId: string) => fetch(`${base}${path}`, { headers: { "x-request-id": requestId } });

describe("log store across processes", () => {
  it("holds the lines of two gateways, each with its role and process id", async () => {
    expect((await get(a.base, "/api/ready", `two-a-${run}`)).status).toBe(200);
    expect((await get(b.base, "/api/v1/products/not-a-product", `two-b-${run}`)).status).toBeGreaterThanOrEqual(400);
    const rows = await until("both access lines stored", async () => {
      const found = await sql`select request_id, role, pid, method, route, status, line from app_logs where request_id in (${`two-a-${run}`}, ${`two-b-${run}`}) and line->>'type' = 'access'`;
      return found.length === 2 ? found : null;
    });
    const byId = Object.fromEntries(rows.map((row) => [row.request_id, row]));
    expect(byId[`two-a-${run}`]).toMatchObject({ role: "gateway", pid: a.child.pid, method: "GET", status: 200 });
    expect(byId[`two-b-${run}`]).toMatchObject({ role: "gateway", pid: b.child.pid, method: "GET", route: "rest GET /products/{id}" });
    expect(byId[`two-a-${run}`]!.pid).not.toBe(byId[`two-b-${run}`]!.pid);
  });

  it("answers requests at once while the store does not answer, and counts the lines it dropped", async () => {
    const gateway = unheard;
    const durations: number[] = [];
    for (let i = 0; i < 20; i++) {
      const started = performance.now();
      const response = await get(gateway.base, "/api/ready", `silent-${run}-${i}`);
      durations.push(performance.now() - started);
      expect(response.status).toBe(200);
    }
    // The store's batch waits 3 s for the silent server; no request waits with it.
    expect(Math.max(...durations)).toBeLessThan(1_000);
    const dropped = await until(
      "the dropped lines counted",
      async () => {
        const text = await (await fetch(`${gateway.base}/metrics`)).text();
        const match = /shopflow_log_store_lines_total\{[^}]*outcome="dropped"[^}]*\} (\d+)/.exec(text);
        return match && Number(match[1]) > 0 ? Number(match[1]) : null;
      },
      { timeoutMs: 15_000, everyMs: 250 },
    );
    expect(dropped).toBeGreaterThanOrEqual(1);
    // The gateway still serves, and none of its lines reached the real database.
    expect((await get(gateway.base, "/api/ready", `silent-${run}-after`)).status).toBe(200);
    expect((await sql`select count(*)::int as n from app_logs where request_id like ${`silent-${run}-%`}`)[0]!.n).toBe(0);
  });
});
