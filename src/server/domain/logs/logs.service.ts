import { and, desc, eq, gte, ilike, lt, lte, or, sql, type SQL } from "drizzle-orm";
import type { DbOrTx } from "@/server/db/client";
import { appLogs } from "@/server/db/schema";
import { LOG_LEVELS, logLevelName, ZSearchLogsInput, type SearchLogsInput, type SearchLogsOutput } from "./logs.schemas";
import { logSettings } from "./logs.settings";

/** `\`, `%` and `_` match themselves in an ILIKE pattern. */
const likeLiteral = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * Log lines matching the filters, newest first, a page at a time. The cursor is the last
 * line's (time, id): the next page starts strictly below it on the (time, id) index, so lines
 * written meanwhile never shift a page. Read-only.
 */
export async function searchLogs(db: DbOrTx, rawInput: SearchLogsInput): Promise<SearchLogsOutput> {
  const input = ZSearchLogsInput.parse(rawInput);
  const where: SQL[] = [];
  if (input.from) where.push(gte(appLogs.time, input.from));
  if (input.to) where.push(lte(appLogs.time, input.to));
  if (input.level) where.push(gte(appLogs.level, LOG_LEVELS[input.level]));
  if (input.requestId) where.push(eq(appLogs.requestId, input.requestId));
  if (input.userId) where.push(eq(appLogs.userId, input.userId));
  if (input.route) where.push(ilike(appLogs.route, `${likeLiteral(input.route)}%`));
  if (input.text) {
    const pattern = `%${likeLiteral(input.text)}%`;
    where.push(or(ilike(appLogs.msg, pattern), sql`${appLogs.line}::text ilike ${pattern}`)!);
  }
  if (input.cursor) {
    const [micros, id] = input.cursor.split(".");
    const time = sql`to_timestamp(${Number(micros)}::double precision / 1000000)`;
    where.push(or(lt(appLogs.time, time), and(eq(appLogs.time, time), lt(appLogs.id, Number(id))))!);
  }
  const rows = await db
    .select({
      id: appLogs.id,
      time: appLogs.time,
      micros: sql<string>`(extract(epoch from ${appLogs.time}) * 1000000)::bigint::text`,
      level: appLogs.level,
      role: appLogs.role,
      pid: appLogs.pid,
      msg: appLogs.msg,
      requestId: appLogs.requestId,
      userId: appLogs.userId,
      route: appLogs.route,
      method: appLogs.method,
      status: appLogs.status,
      durationMs: appLogs.durationMs,
      line: appLogs.line,
    })
    .from(appLogs)
    .where(and(...where))
    .orderBy(desc(appLogs.time), desc(appLogs.id))
    .limit(input.limit + 1);
  const page = rows.slice(0, input.limit);
  const last = page.at(-1);
  return {
    items: page.map(({ micros: _micros, level, ...row }) => ({ ...row, level: logLevelName(level) })),
    nextCursor: rows.length > input.limit && last ? `${last.micros}.${last.id}` : null,
  };
}

const PRUNE_BATCH = 5_000;
const PRUNE_MAX_BATCHES = 40;

/**
 * Deletes lines older than the retention setting, `batch` rows per statement (short locks,
 * small WAL bursts), at most `maxBatches` statements per run: a backlog is worked off over
 * several runs. Idempotent.
 */
export async function pruneLogs(db: DbOrTx, { now, batch = PRUNE_BATCH, maxBatches = PRUNE_MAX_BATCHES }: { now: Date; batch?: number; maxBatches?: number }) {
  const { retentionDays } = await logSettings.get(db);
  const cutoff = new Date(now.getTime() - retentionDays * 24 * 60 * 60 * 1000);
  let deleted = 0;
  for (let run = 0; run < maxBatches; run++) {
    const [row] = await db.execute<{ n: number }>(sql`
      with gone as (
        delete from app_logs where id in (
          select id from app_logs where time < ${cutoff.toISOString()}::timestamptz order by time limit ${batch})
        returning 1)
      select count(*)::int as n from gone`);
    const count = row?.n ?? 0;
    deleted += count;
    if (count < batch) break;
  }
  return { deleted, cutoff };
}
