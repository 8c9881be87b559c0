import { encode } from "next-auth/jwt";
import { describe, expect, it } from "vitest";
import { authSecret } from "@/env";
import { getDb } from "@/server/db/client";
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
});
