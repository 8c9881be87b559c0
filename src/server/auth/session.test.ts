import { encode } from "next-auth/jwt";
import { eq, sql } from "drizzle-orm";
import { describe, expect, it, vi } from "vitest";
import { authSecret } from "@/env";
import { getDb } from "@/server/db/client";
import { authSessions } from "@/server/db/schema";
import { createAuthSession, revokeAuthSession } from "@/server/domain/user";
import { createUser } from "../../../test/fixtures";
import { getSessionFromCookieHeader } from "./session";

async function cookieFor(sid: string, uid: string, maxAge = 3600) {
  const token = await encode({ token: { sid, uid }, secret: authSecret(), maxAge });
  return `theme=dark; next-auth.session-token=${token}`;
}

describe("session from the Cookie header", () => {
  it("keeps refusing a token after its session is revoked, even once the decoded token is cached", async () => {
    const user = await createUser();
    const sid = await createAuthSession(getDb(), user.id);
    const cookie = await cookieFor(sid, user.id);

    // Read several times so the decoded token is certainly cached.
    for (let i = 0; i < 3; i++) expect(await getSessionFromCookieHeader(cookie)).toMatchObject({ id: user.id, sessionId: sid });

    await revokeAuthSession(getDb(), sid);
    expect(await getSessionFromCookieHeader(cookie)).toBeNull();
    expect(await getSessionFromCookieHeader(cookie)).toBeNull();
  });

  it("refuses expired, tampered, foreign and missing tokens", async () => {
    const user = await createUser();
    const sid = await createAuthSession(getDb(), user.id);
    expect(await getSessionFromCookieHeader(await cookieFor(sid, user.id, -60))).toBeNull();
    const good = await cookieFor(sid, user.id);
    expect(await getSessionFromCookieHeader(`${good.slice(0, -4)}AAAA`)).toBeNull();
    const foreign = await encode({ token: { sid, uid: user.id }, secret: "another-secret-entirely-0123456789", maxAge: 3600 });
    expect(await getSessionFromCookieHeader(`next-auth.session-token=${foreign}`)).toBeNull();
    expect(await getSessionFromCookieHeader("theme=dark")).toBeNull();
    expect(await getSessionFromCookieHeader(undefined)).toBeNull();
  });

  it("refuses a session from the moment its revocation commits, whatever reads were in flight (25 rounds)", async () => {
    const user = await createUser();
    for (let round = 0; round < 25; round++) {
      const sid = await createAuthSession(getDb(), user.id);
      const cookie = await cookieFor(sid, user.id);
      expect(await getSessionFromCookieHeader(cookie)).toMatchObject({ sessionId: sid });
      // Readers that start before, during and after the revocation; a cache that dropped its
      // entry before the commit, or stored a load begun before the drop, would keep the
      // revoked session alive for the reads after it.
      const readers = Array.from({ length: 8 }, () => getSessionFromCookieHeader(cookie));
      const revoked = revokeAuthSession(getDb(), sid);
      readers.push(...Array.from({ length: 8 }, () => getSessionFromCookieHeader(cookie)));
      await Promise.all([revoked, ...readers]);
      const after = await Promise.all(Array.from({ length: 8 }, () => getSessionFromCookieHeader(cookie)));
      expect(after.every((session) => session === null), `round ${round}`).toBe(true);
    }
  });

  it("keeps a session revoked inside a transaction until the transaction commits, and after a rollback", async () => {
    const user = await createUser();
    const sid = await createAuthSession(getDb(), user.id);
    const cookie = await cookieFor(sid, user.id);
    expect(await getSessionFromCookieHeader(cookie)).toMatchObject({ sessionId: sid });

    await expect(
      getDb().transaction(async (tx) => {
        await revokeAuthSession(tx, sid);
        throw new Error("rolled back");
      }),
    ).rejects.toThrow("rolled back");
    expect(await getSessionFromCookieHeader(cookie)).toMatchObject({ sessionId: sid });

    await getDb().transaction(async (tx) => {
      await revokeAuthSession(tx, sid);
      // Not committed yet: other requests still see the session as live.
      expect(await getSessionFromCookieHeader(cookie)).toMatchObject({ sessionId: sid });
    });
    expect(await getSessionFromCookieHeader(cookie)).toBeNull();
  });

  it("refuses a cached session once its expiry passes, before the cache itself would drop it", async () => {
    const user = await createUser();
    const sid = await createAuthSession(getDb(), user.id);
    const cookie = await cookieFor(sid, user.id);
    // The session ends half a second from now; the one-second cache would outlive it.
    await getDb().update(authSessions).set({ expiresAt: sql`now() + interval '500 milliseconds'` }).where(eq(authSessions.id, sid));
    expect(await getSessionFromCookieHeader(cookie)).toMatchObject({ sessionId: sid });
    vi.useFakeTimers({ toFake: ["Date"], now: Date.now() + 600 });
    try {
      expect(await getSessionFromCookieHeader(cookie)).toBeNull();
    } finally {
      vi.useRealTimers();
    }
  });
});
