import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createDatabase, type Database } from "@/server/db/client";
import { appLogs } from "@/server/db/schema";
import { createScratchDatabase } from "../../../../test/test-database";
import { logSettings, pruneLogs, searchLogs } from ".";

/** A database of its own: the retention setting is shop-wide and pruning deletes every old line. */
let scratch: Awaited<ReturnType<typeof createScratchDatabase>>;
let db: Database;
let close: () => Promise<void>;
const now = new Date("2026-06-10T12:00:00Z");
const minutesAgo = (minutes: number) => new Date(now.getTime() - minutes * 60_000);

beforeAll(async () => {
  scratch = await createScratchDatabase(inject("adminDatabaseUrl"), "shopflow_logs");
  const created = createDatabase(scratch.url, 2);
  db = created.db;
  close = () => created.sql.end();
  const row = (minutes: number, fields: Partial<typeof appLogs.$inferInsert>) => ({ time: minutesAgo(minutes), level: 30, line: { msg: fields.msg ?? "line" }, ...fields });
  await db.insert(appLogs).values([
    row(1, { msg: "request", requestId: "req-a", route: "GET /api/v1/orders/{id}", method: "GET", status: 200, userId: "user-1" }),
    row(2, { msg: "payment declined", level: 40, requestId: "req-a", line: { msg: "payment declined", reason: "Card_Expired 100%" } }),
    row(3, { msg: "request failed", level: 50, requestId: "req-b", route: "order.byId", status: 500 }),
    row(4, { msg: "worker started", role: "worker" }),
    ...Array.from({ length: 5 }, (_, i) => row(10 + i, { msg: `same time ${i}`, time: minutesAgo(10) })),
    row(60 * 24 * 3, { msg: "three days old" }),
    row(60 * 24 * 9, { msg: "nine days old" }),
    row(60 * 24 * 30, { msg: "a month old" }),
  ]);
});

afterAll(async () => {
  await close();
  await scratch.drop();
});

describe("searchLogs", () => {
  it("filters by request id, user, level, route, text and time range, newest first", async () => {
    expect((await searchLogs(db, { requestId: "req-a" })).items.map((l) => l.msg)).toEqual(["request", "payment declined"]);
    expect((await searchLogs(db, { userId: "user-1" })).items.map((l) => l.msg)).toEqual(["request"]);
    expect((await searchLogs(db, { level: "warn" })).items.map((l) => [l.msg, l.level])).toEqual([["payment declined", "warn"], ["request failed", "error"]]);
    expect((await searchLogs(db, { route: "order." })).items.map((l) => l.msg)).toEqual(["request failed"]);
    // Text matches the whole line, without case; % and _ are plain characters.
    expect((await searchLogs(db, { text: "card_expired 100%" })).items.map((l) => l.msg)).toEqual(["payment declined"]);
    expect((await searchLogs(db, { text: "100_" })).items).toEqual([]);
    expect((await searchLogs(db, { from: minutesAgo(3), to: minutesAgo(2) })).items.map((l) => l.msg)).toEqual(["payment declined", "request failed"]);
  });

  it("pages with a cursor, lines of the same instant included exactly once", async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    for (let page = 0; page < 10; page++) {
      const result = await searchLogs(db, { limit: 3, cursor });
      seen.push(...result.items.map((l) => l.msg!));
      if (!result.nextCursor) break;
      cursor = result.nextCursor;
    }
    expect(seen).toHaveLength(12);
    expect(new Set(seen).size).toBe(12);
    expect(seen.slice(0, 4)).toEqual(["request", "payment declined", "request failed", "worker started"]);
    expect(seen.at(-1)).toBe("a month old");
  });
});

describe("pruneLogs", () => {
  it("deletes lines older than the retention setting in bounded batches, and nothing else", async () => {
    expect((await pruneLogs(db, { now })).deleted).toBe(2); // default 7 days: nine days and a month
    await logSettings.update(db, { retentionDays: 2 }, null);
    const result = await pruneLogs(db, { now, batch: 1, maxBatches: 5 });
    expect(result.deleted).toBe(1);
    const left = (await searchLogs(db, { limit: 200 })).items.map((l) => l.msg);
    expect(left).toHaveLength(9);
    expect(left).not.toContain("three days old");
  });

  it("works off a backlog over several runs, one bounded batch at a time", async () => {
    await db.insert(appLogs).values(Array.from({ length: 5 }, (_, i) => ({ time: minutesAgo(60 * 24 * 20 + i), level: 30, msg: "old", line: {} })));
    expect((await pruneLogs(db, { now, batch: 2, maxBatches: 2 })).deleted).toBe(4);
    expect((await pruneLogs(db, { now, batch: 2, maxBatches: 2 })).deleted).toBe(1);
    expect((await pruneLogs(db, { now, batch: 2, maxBatches: 2 })).deleted).toBe(0);
  });
});
