import postgres from "postgres";
import { describe, expect, inject, it } from "vitest";
import { startCacheSync } from "@/server/cache/cache-sync";
import { getDb } from "@/server/db/client";
import { createUser } from "../../../../test/fixtures";
import { endTsProcess, startTsProcess, until } from "../../../../test/processes";
import { cachedSessionCount, createAuthSession, findActiveSession } from ".";

const url = inject("databaseUrl");

describe("signing out in one process", () => {
  it("ends the session in every other process as it commits, even when the signing-out process dies right after its commit", async () => {
    const user = await createUser("shopper");
    const sessionId = await createAuthSession(getDb(), user.id);
    // This process listens for the others' cache invalidations, as every app process does.
    const sql = postgres(url, { max: 2, onnotice: () => {} });
    const sync = startCacheSync(sql);
    try {
      await sync.ready;
      // Live, and now kept in this process's session cache for its lifetime (1 s).
      expect(await findActiveSession(getDb(), sessionId)).toMatchObject({ id: user.id });
      expect(cachedSessionCount()).toBeGreaterThan(0);

      const other = startTsProcess("test/peers/writer-peer.ts", { DATABASE_URL: url, CACHE_SYNC: "on" });
      try {
        await until("the other process", () => other.json().some((line) => line.started), { timeoutMs: 30_000 });
        other.send(`sign-out ${sessionId}`);
        expect(await other.exited).toBe("SIGKILL");
      } finally {
        await endTsProcess(other);
      }
      // Only what the signing-out transaction carried can have told this process. An expired
      // entry stays until it is read again, so only that notification empties the cache.
      await until("the session cache emptied by the other process's commit", () => cachedSessionCount() === 0);
      expect(await findActiveSession(getDb(), sessionId)).toBeNull();
    } finally {
      await sync.stop();
      await sql.end();
    }
  });
});
