import { randomUUID } from "node:crypto";
import postgres from "postgres";
import { z } from "zod";
import { describe, expect, inject, it } from "vitest";
import { getDb, getSql } from "@/server/db/client";
import { defineSettings } from "@/server/domain/settings/settings.service";
import { endTsProcess, startTsProcess, until, type TsProcess } from "../../../test/processes";
import { CACHE_SYNC_CHANNEL, cacheSyncWanted, startCacheSync } from "./cache-sync";
import { processCache } from "./process-cache";

const url = inject("databaseUrl");

/** The replies a peer has printed for `key`, in order. */
const replies = (p: TsProcess, key: string) => p.json().filter((line) => key in line).map((line) => line[key]);

describe("cache sync", () => {
  it("is on by default, off in unit tests, and CACHE_SYNC decides when set", () => {
    expect(cacheSyncWanted({ NODE_ENV: "production" })).toBe(true);
    expect(cacheSyncWanted({ NODE_ENV: "development" })).toBe(true);
    expect(cacheSyncWanted({ NODE_ENV: "test" })).toBe(false);
    expect(cacheSyncWanted({ NODE_ENV: "test", CACHE_SYNC: "on" })).toBe(true);
    expect(cacheSyncWanted({ NODE_ENV: "production", CACHE_SYNC: "off" })).toBe(false);
  });

  it("a change committed in one process drops the cache in another, long before the cache would expire", async () => {
    const namespace = `peer-${randomUUID()}`;
    const observer = postgres(url, { max: 1, onnotice: () => {} });
    const env = { DATABASE_URL: url, PEER_NAMESPACE: namespace, CACHE_SYNC: "on" };
    const [writer, reader] = [startTsProcess("test/peers/cache-peer.ts", env), startTsProcess("test/peers/cache-peer.ts", env)];
    try {
      await until("both peers listening", async () => {
        const [row] = await observer<{ n: number }[]>`
          select count(*)::int as n from pg_stat_activity where datname = current_database() and query = ${`listen "${CACHE_SYNC_CHANNEL}"`}`;
        return row!.n >= 2 && replies(writer, "started").length + replies(reader, "started").length === 2;
      }, { timeoutMs: 20_000 });

      reader.send("read");
      await until("the first read", () => replies(reader, "read").length === 1);
      expect(replies(reader, "read")).toEqual(["none"]);

      writer.send("write blue");
      await until("the write", () => replies(writer, "wrote").length === 1);

      // The reader's cache lives ten minutes: only the notification can make it read again.
      let reads = 1;
      await until("the reader to see the new value", async () => {
        reader.send("read");
        reads++;
        await until("a reply", () => replies(reader, "read").length === reads);
        return replies(reader, "read").at(-1) === "blue";
      });
    } finally {
      await Promise.all([endTsProcess(writer), endTsProcess(reader)]);
      await observer.end();
    }
  });

  it("a settings update publishes its cache's name once the transaction has committed", async () => {
    const namespace = `sync-${randomUUID()}`;
    const settings = defineSettings(namespace, z.object({ limit: z.number().int().default(1) }));
    const listener = postgres(url, { max: 1, onnotice: () => {} });
    const received: string[] = [];
    await listener.listen(CACHE_SYNC_CHANNEL, (payload) => received.push(payload));
    const sync = startCacheSync(getSql());
    try {
      await sync.ready;
      await settings.update(getDb(), { limit: 5 }, null);
      const message = await until("the notification", () => received.map((p) => JSON.parse(p) as { names?: string[] }).find((m) => m.names?.includes(`settings:${namespace}`)));
      expect(message.names).toEqual([`settings:${namespace}`]);
    } finally {
      await sync.stop();
      await listener.end();
    }
  });

  it("after its listening connection drops, listens again and drops every cache (it may have missed a change)", async () => {
    const sql = postgres(url, { max: 2, onnotice: () => {} });
    const observer = postgres(url, { max: 1, onnotice: () => {} });
    const cache = processCache<number>(`reconnect-${randomUUID()}`, { ttlMs: 600_000 });
    const sync = startCacheSync(sql);
    const listenerPid = async () =>
      (await observer<{ pid: number }[]>`select pid from pg_stat_activity where datname = current_database() and query = ${`listen "${CACHE_SYNC_CHANNEL}"`}`)[0]?.pid;
    try {
      await sync.ready;
      await cache.get(async () => 1);
      expect(cache.size()).toBe(1);
      const before = await until("the listener's session", listenerPid);
      await observer`select pg_terminate_backend(${before})`;
      await until("a new listening session", async () => {
        const pid = await listenerPid();
        return pid !== undefined && pid !== before;
      });
      await until("the caches dropped", () => cache.size() === 0);
    } finally {
      await sync.stop();
      await Promise.all([sql.end(), observer.end()]);
    }
  });
});
