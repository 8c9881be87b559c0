import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { createAuthSession, findActiveSession } from "@/server/domain/user";
import { createUser } from "../../../test/fixtures";
import { getDb, type DbOrTx } from "./client";
import { prepared } from "./prepared";

const backendPid = (db: DbOrTx) => prepared(db, "test-backend-pid", (d) => d.select({ pid: sql<number>`pg_backend_pid()` }).from(sql`(select 1) one`).prepare("test_backend_pid"));

describe("prepared statements", () => {
  it("outside a transaction, share the small statement pool however many run at once", async () => {
    const statementPids = new Set<number>();
    const results = await Promise.all(Array.from({ length: 60 }, () => backendPid(getDb()).execute()));
    for (const [row] of results) statementPids.add(row!.pid);
    expect(statementPids.size).toBeGreaterThanOrEqual(1);
    expect(statementPids.size).toBeLessThanOrEqual(Number(process.env.DATABASE_STATEMENT_POOL_SIZE ?? 2));

    // Ordinary queries use the main pool, whose connections are others.
    const mainPids = await Promise.all(Array.from({ length: 20 }, () => getDb().execute<{ pid: number }>(sql`select pg_backend_pid() as pid`)));
    for (const rows of mainPids) expect(statementPids.has(rows[0]!.pid)).toBe(false);
  });

  it("inside a transaction, run on the transaction's connection and see its uncommitted rows", async () => {
    const user = await createUser();
    let sid = "";
    await getDb().transaction(async (tx) => {
      sid = await createAuthSession(tx, user.id);
      const [txPid] = await tx.execute<{ pid: number }>(sql`select pg_backend_pid() as pid`);
      const [row] = await backendPid(tx).execute();
      expect(row!.pid).toBe(txPid!.pid);
      expect(await findActiveSession(tx, sid)).toMatchObject({ id: user.id, sessionId: sid });
      // Not committed: the statement pool cannot see it yet.
      expect(await findActiveSession(getDb(), sid)).toBeNull();
    });
    expect(await findActiveSession(getDb(), sid)).toMatchObject({ id: user.id, sessionId: sid });
  });
});
