import { eq, sql } from "drizzle-orm";
import { integer, pgTable, text } from "drizzle-orm/pg-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDatabase, getDb, type Database, type DbOrTx } from "./client";
import { prepared } from "./prepared";

// A table of this test's own, so nothing else writes what it reads.
const probe = pgTable("transaction_route_probe", { id: integer().primaryKey(), note: text().notNull() });

let builds = 0;
const probeNote = (db: DbOrTx) =>
  prepared(db, "test-route-probe-note", (d) => {
    builds += 1;
    return d
      .select({ note: probe.note, txid: sql<string>`txid_current()::text`, pid: sql<number>`pg_backend_pid()` })
      .from(probe)
      .where(eq(probe.id, sql.placeholder("id")))
      .prepare("test_route_probe_note");
  });
const setProbeNote = (db: DbOrTx) =>
  prepared(db, "test-route-probe-set", (d) =>
    d
      .update(probe)
      .set({ note: sql`${sql.placeholder("note")}::text` })
      .where(eq(probe.id, sql.placeholder("id")))
      .returning({ id: probe.id })
      .prepare("test_route_probe_set"),
  );
const ownTxid = async (tx: DbOrTx) => (await tx.execute<{ txid: string; pid: number }>(sql`select txid_current()::text as txid, pg_backend_pid() as pid`))[0]!;

let nextId = 1;
const probeIds = (count: number) => Array.from({ length: count }, () => nextId++);

beforeAll(async () => {
  await getDb().execute(sql`create table if not exists transaction_route_probe (id integer primary key, note text not null)`);
});

describe("statements built once, run inside transactions", () => {
  it("are built once, run on each transaction's connection and see its uncommitted writes", async () => {
    const before = builds;
    for (const id of probeIds(3)) {
      await getDb().transaction(async (tx) => {
        await tx.insert(probe).values({ id, note: `row ${id}` });
        const own = await ownTxid(tx);
        const [row] = await probeNote(tx).execute({ id });
        expect(row).toEqual({ note: `row ${id}`, txid: own.txid, pid: own.pid });
        // Not committed: nobody else sees it.
        expect(await probeNote(getDb()).execute({ id })).toEqual([]);
      });
    }
    // Once on the routing handle for the three transactions, once on the statement pool.
    expect(builds - before).toBe(2);
  });

  it("are rolled back with their transaction", async () => {
    const [id] = probeIds(1);
    await getDb().insert(probe).values({ id: id!, note: "committed" });
    await expect(
      getDb().transaction(async (tx) => {
        expect(await setProbeNote(tx).execute({ id, note: "uncommitted" })).toEqual([{ id }]);
        expect((await probeNote(tx).execute({ id }))[0]!.note).toBe("uncommitted");
        throw new Error("roll back");
      }),
    ).rejects.toThrow("roll back");
    expect((await probeNote(getDb()).execute({ id }))[0]!.note).toBe("committed");
  });

  it("do not cross between concurrent transactions", async () => {
    const ids = probeIds(40);
    const seen = await Promise.all(
      ids.map((id, i) =>
        getDb().transaction(async (tx) => {
          await tx.insert(probe).values({ id, note: `own ${id}` });
          const own = await ownTxid(tx);
          const rows: { note: string; txid: string }[] = [];
          // Interleave with the other transactions: their statements are executed in between.
          for (let round = 0; round < 5; round++) {
            await new Promise((resolve) => setTimeout(resolve, (i * 7 + round * 3) % 5));
            const [row] = await probeNote(tx).execute({ id });
            rows.push(row!);
            // Another transaction's row is visible here only once committed.
            const [other] = await probeNote(tx).execute({ id: ids[(i + 1) % ids.length] });
            if (other) expect(other.note).toMatch(/^done /);
          }
          await setProbeNote(tx).execute({ id, note: `done ${id}` });
          return { id, own, rows };
        }),
      ),
    );
    for (const { id, own, rows } of seen) {
      for (const row of rows) expect(row).toMatchObject({ note: `own ${id}`, txid: own.txid });
    }
    const committed = await getDb().select().from(probe).where(sql`${probe.id} = any(${`{${ids.join(",")}}`}::int[])`);
    expect(committed.map((row) => row.note).sort()).toEqual(ids.map((id) => `done ${id}`).sort());
  });

  it("are built per call in a savepoint and in a transaction opened with options, and still run in them", async () => {
    const [a, b] = probeIds(2);
    await getDb().transaction(async (tx) => {
      await tx.insert(probe).values({ id: a!, note: "outer" });
      await expect(
        tx.transaction(async (savepoint) => {
          expect(await setProbeNote(savepoint).execute({ id: a, note: "in savepoint" })).toEqual([{ id: a }]);
          expect((await probeNote(savepoint).execute({ id: a }))[0]!.note).toBe("in savepoint");
          throw new Error("roll back the savepoint");
        }),
      ).rejects.toThrow("roll back the savepoint");
      expect((await probeNote(tx).execute({ id: a }))[0]!.note).toBe("outer");
    });
    await getDb().transaction(
      async (tx) => {
        await tx.insert(probe).values({ id: b!, note: "repeatable read" });
        const own = await ownTxid(tx);
        expect((await probeNote(tx).execute({ id: b }))[0]).toMatchObject({ note: "repeatable read", txid: own.txid });
      },
      { isolationLevel: "repeatable read" },
    );
  });

  it("refuse to run outside a transaction", async () => {
    let raw: { execute(values: Record<string, unknown>): Promise<unknown> } | undefined;
    await getDb().transaction(async (tx) => {
      await prepared(tx, "test-route-escape", (d) => (raw = d.select({ id: probe.id }).from(probe).where(eq(probe.id, sql.placeholder("id"))).prepare("test_route_escape"))).execute({ id: 0 });
    });
    // Drizzle reports the driver's refusal as a failed query, with the refusal as its cause.
    const error: unknown = await raw!.execute({ id: 0 }).catch((caught: unknown) => caught);
    expect((error as Error).cause).toMatchObject({ message: expect.stringMatching(/outside of one/) });
  });

  describe("on a database whose statements go out unnamed", () => {
    let other: { sql: { end(): Promise<void> }; db: Database };
    beforeAll(() => {
      other = createDatabase(process.env.DATABASE_URL!, 4, "other", { prepareStatements: false });
    });
    afterAll(() => other.sql.end());

    it("run in the transaction too", async () => {
      const [id] = probeIds(1);
      await other.db.transaction(async (tx) => {
        await tx.insert(probe).values({ id: id!, note: "unnamed" });
        const own = await ownTxid(tx);
        expect((await probeNote(tx).execute({ id }))[0]).toMatchObject({ note: "unnamed", txid: own.txid });
      });
    });
  });
});

describe("opening a transaction", () => {
  it("builds no relational query builders (the database is made without drizzle's relational API)", async () => {
    // With a schema, drizzle builds a query builder for every table of it on each transaction.
    await getDb().transaction(async (tx) => {
      expect(Object.keys(tx.query)).toEqual([]);
    });
  });
});
