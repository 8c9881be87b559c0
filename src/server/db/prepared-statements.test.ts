import { eq, sql } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { createDatabase } from "./client";
import { appSettings } from "./schema";

/**
 * Every drizzle statement goes out as a server-side prepared statement: PostgreSQL lists it
 * in the connection's pg_prepared_statements, in and out of transactions and savepoints. With
 * DATABASE_PREPARED_STATEMENTS=off (a pooler in transaction mode) none of drizzle's is kept there.
 */
const url = process.env.DATABASE_URL!;
// One connection each, so the statement and the look into pg_prepared_statements share a session.
const preparing = createDatabase(url, 1, "other", { prepareStatements: true });
const unnamed = createDatabase(url, 1, "other", { prepareStatements: false });
afterAll(() => Promise.all([preparing.sql.end(), unnamed.sql.end()]));

const READ_SETTING = /from "app_settings" where "app_settings"."namespace" = \$1/;

async function preparedTexts(client: typeof preparing.sql): Promise<string[]> {
  const rows = await client<{ statement: string }[]>`select statement from pg_prepared_statements`;
  return rows.map((r) => r.statement);
}

describe("server-side prepared statements", () => {
  it("prepare drizzle's statements once per connection, in transactions and savepoints too", async () => {
    const { db, sql: client } = preparing;
    const readSetting = (d: Pick<typeof db, "select">, namespace: string) => d.select({ value: appSettings.value }).from(appSettings).where(eq(appSettings.namespace, namespace));
    await readSetting(db, "payment");
    await readSetting(db, "shipping");
    expect((await preparedTexts(client)).filter((text) => READ_SETTING.test(text))).toHaveLength(1);

    await db.transaction(async (tx) => {
      await tx.execute(sql`select 41 + ${1} as in_transaction`);
      await tx.transaction(async (savepoint) => {
        await savepoint.execute(sql`select 40 + ${2} as in_savepoint`);
      });
    });
    const texts = await preparedTexts(client);
    expect(texts.some((text) => text.includes("in_transaction"))).toBe(true);
    expect(texts.some((text) => text.includes("in_savepoint"))).toBe(true);
  });

  it("send them unnamed when switched off", async () => {
    const { db, sql: client } = unnamed;
    await db.select({ value: appSettings.value }).from(appSettings).where(eq(appSettings.namespace, "payment"));
    await db.transaction((tx) => tx.execute(sql`select 1 + ${1} as unnamed_in_transaction`));
    // postgres.js prepares its own few (commit, its type lookup, the look itself); none of drizzle's.
    const texts = await preparedTexts(client);
    expect(texts.filter((text) => READ_SETTING.test(text) || text.includes("unnamed_in_transaction"))).toEqual([]);
  });
});
