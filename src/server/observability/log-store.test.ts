import net from "node:net";
import postgres from "postgres";
import { afterAll, describe, expect, inject, it } from "vitest";
import { createLogger, withLogStore } from "./logger";
import { RESET_LINK_WITHHELD, createLogStore, logStoreUrl } from "./log-store";
import { until } from "../../../test/processes";

const run = Date.now().toString(36);
const sql = postgres(inject("databaseUrl"), { max: 1, onnotice: () => {} });
afterAll(() => sql.end());

const silentStdout = { write: () => true };

describe("log store", () => {
  it("stores each line as written, with its fields in columns, in batches", async () => {
    const store = createLogStore({ url: inject("databaseUrl"), role: "worker", flushMs: 50, batchSize: 3 });
    const logger = createLogger({ level: "info" }, withLogStore(store, silentStdout));
    logger.info({ requestId: `store-${run}`, userId: "u-1", method: "GET", route: "/api/v1/orders/{id}", status: 200, durationMs: 4.5 }, "request");
    logger.warn({ requestId: `store-${run}`, name: "Nul\u0000Name" }, "odd text");
    for (let i = 0; i < 5; i++) logger.info({ requestId: `store-${run}`, i }, "line");
    logger.debug({ requestId: `store-${run}` }, "below the level");
    await until("seven lines stored", async () => (await sql`select count(*)::int as n from app_logs where request_id = ${`store-${run}`}`)[0]!.n === 7);
    const [first] = await sql`select * from app_logs where request_id = ${`store-${run}`} and msg = 'request'`;
    expect(first).toMatchObject({ level: 30, role: "worker", pid: process.pid, user_id: "u-1", method: "GET", route: "/api/v1/orders/{id}", status: 200, duration_ms: 4.5 });
    expect(first!.line).toMatchObject({ msg: "request", service: "shopflow", requestId: `store-${run}` });
    const [odd] = await sql`select line->>'name' as name from app_logs where request_id = ${`store-${run}`} and level = 40`;
    expect(odd!.name).toBe("Nul\uFFFDName");
    expect(store.stats()).toMatchObject({ written: 7, dropped: 0, queued: 0 });
    await store.close();
  });

  it("keeps a password reset link out of the store (stdout still has it, as the admin's way to the link)", async () => {
    const store = createLogStore({ url: inject("databaseUrl"), role: "gateway", flushMs: 50 });
    const printed: string[] = [];
    const logger = createLogger({ level: "info" }, withLogStore(store, { write: (line: string) => printed.push(line) > 0 }));
    const url = `https://shop.example/reset-password?token=secret-${run}`;
    logger.warn({ requestId: `reset-${run}`, event: "password_reset_link", userId: "u-2", url }, "password reset link");
    await until("the line stored", async () => (await sql`select count(*)::int as n from app_logs where request_id = ${`reset-${run}`}`)[0]!.n === 1);
    const [row] = await sql`select line::text as line from app_logs where request_id = ${`reset-${run}`}`;
    expect(row!.line).not.toContain(`secret-${run}`);
    expect(JSON.parse(row!.line as string)).toMatchObject({ event: "password_reset_link", userId: "u-2", url: RESET_LINK_WITHHELD });
    expect(printed.join("")).toContain(`secret-${run}`);
    await store.close();
  });

  it("never waits for a store that does not answer: the queue is bounded and what does not fit is counted", async () => {
    // A server that accepts connections and never says a word: the slowest possible database.
    const sockets: net.Socket[] = [];
    const silent = net.createServer((socket) => void sockets.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
    const { port } = silent.address() as net.AddressInfo;
    const store = createLogStore({ url: `postgres://postgres@127.0.0.1:${port}/nowhere`, flushMs: 20, batchSize: 10, maxQueue: 100, timeoutMs: 1_000, retryMs: 60_000 });
    const logger = createLogger({ level: "info" }, withLogStore(store, silentStdout));

    // A synchronous loop: no log call can have waited for the store.
    for (let i = 0; i < 1_000; i++) logger.info({ i }, "busy");
    // The first batch waits on the silent server; at most maxQueue more lines wait behind it.
    expect(store.stats().queued).toBeLessThanOrEqual(100);
    expect(store.stats().dropped).toBeGreaterThanOrEqual(1_000 - 100 - 10);
    // The stuck batch times out and is counted as dropped too; nothing is left waiting.
    await until("the stuck batch given up", () => store.stats().failedBatches === 1, { timeoutMs: 5_000 });
    expect(store.stats().written).toBe(0);
    await store.close();
    expect(store.stats()).toMatchObject({ queued: 0, written: 0, dropped: 1_000 });
    for (const socket of sockets) socket.destroy();
    silent.close();
  });

  it("is on for the roles when a database is configured, off in unit tests unless turned on", () => {
    const url = "postgres://postgres@127.0.0.1:5432/shop";
    expect(logStoreUrl({ DATABASE_URL: url, NODE_ENV: "production" })).toBe(url);
    expect(logStoreUrl({ DATABASE_URL: url, NODE_ENV: "production", LOG_STORE_URL: "postgres://logs/db" })).toBe("postgres://logs/db");
    expect(logStoreUrl({ DATABASE_URL: url, NODE_ENV: "production", LOG_STORE: "off" })).toBeNull();
    expect(logStoreUrl({ NODE_ENV: "production" })).toBeNull();
    expect(logStoreUrl({ DATABASE_URL: url, NODE_ENV: "test" })).toBeNull();
    expect(logStoreUrl({ DATABASE_URL: url, NODE_ENV: "test", LOG_STORE: "on" })).toBe(url);
    expect(logStoreUrl({ DATABASE_URL: url, NODE_ENV: "production", NEXT_PHASE: "phase-production-build" })).toBeNull();
  });
});
