import { encode } from "next-auth/jwt";
import { desc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, inject, vi } from "vitest";
import { authSecret } from "@/env";
import { createDatabase, getDb, type Database } from "@/server/db/client";
import { passwordResetTokens, userEvents } from "@/server/db/schema";
import { createApiKey } from "@/server/domain/api-key";
import { setUserDisabled, setUserRole } from "@/server/flows/user-access";
import { logger } from "@/server/observability/logger";
import { callerAs, createAdmin, createShopper, createUser } from "../../../../test/fixtures";
import { testGateway } from "../../../../test/gateway-fixtures";
import { createScratchDatabase } from "../../../../test/test-database";
import { changeOwnPassword, createPasswordResetLink, resetPasswordWithToken } from "./password.service";
import { createAuthSession, findActiveSession, verifyCredentials } from "./user.service";
import { listUsers } from "./user-admin.service";

const lastEvent = async (userId: string) =>
  (await getDb().select().from(userEvents).where(eq(userEvents.userId, userId)).orderBy(desc(userEvents.id)).limit(1))[0];

const cookieFor = async (sid: string, uid: string) => `next-auth.session-token=${await encode({ token: { sid, uid }, secret: authSecret(), maxAge: 3600 })}`;

async function http(url: string, headers: Record<string, string>) {
  const answer = await (await testGateway()).inject({ method: "GET", url, headers });
  return answer.statusCode;
}

describe("disabling an account", () => {
  it("refuses its open session on tRPC and /api/v1 and its API key at once, audits the change, and enabling restores the key", async () => {
    const admin = await createAdmin();
    const shopper = await createShopper();
    const cookie = await cookieFor(shopper.session.sessionId, shopper.user.id);
    const { secret } = await createApiKey({ db: getDb(), userId: shopper.user.id, role: "shopper", name: "script", scope: "shopper" });
    const bearer = { authorization: `Bearer ${secret}` };
    // Warm every cache first: a stale cache is what would keep the user in.
    expect(await http("/api/v1/addresses", { cookie })).toBe(200);
    expect(await http("/api/trpc/address.list", { cookie })).toBe(200);
    expect(await http("/api/v1/addresses", bearer)).toBe(200);

    const disabled = await setUserDisabled({ db: getDb(), userId: shopper.user.id, disabled: true, actorId: admin.user.id, requestId: "req-1" });
    expect(disabled.disabledAt).toBeInstanceOf(Date);
    expect(await http("/api/v1/addresses", { cookie })).toBe(401);
    expect(await http("/api/trpc/address.list", { cookie })).toBe(401);
    expect(await http("/api/v1/addresses", bearer)).toBe(401);
    expect(await findActiveSession(getDb(), shopper.session.sessionId)).toBeNull();
    expect(await verifyCredentials(getDb(), shopper.user.email, "password123")).toMatchObject({ disabled: true });
    expect(await lastEvent(shopper.user.id)).toMatchObject({
      type: "disabled",
      actorUserId: admin.user.id,
      requestId: "req-1",
      before: { disabled: false },
      after: { disabled: true, sessionsEnded: 1 },
    });
    // Idempotent: disabling again records nothing more.
    await setUserDisabled({ db: getDb(), userId: shopper.user.id, disabled: true, actorId: admin.user.id });
    expect((await lastEvent(shopper.user.id))?.requestId).toBe("req-1");

    await setUserDisabled({ db: getDb(), userId: shopper.user.id, disabled: false, actorId: admin.user.id });
    expect(await http("/api/v1/addresses", bearer)).toBe(200);
    // The ended session stays ended; signing in again opens a new one.
    expect(await http("/api/v1/addresses", { cookie })).toBe(401);
    expect(await lastEvent(shopper.user.id)).toMatchObject({ type: "enabled", before: { disabled: true }, after: { disabled: false } });
  });

  it("answers 409 when an admin disables or demotes themselves, with a clear message", async () => {
    const admin = await createAdmin();
    await expect(admin.caller.adminUsers.disable({ id: admin.user.id })).rejects.toMatchObject({
      code: "CONFLICT",
      message: expect.stringContaining("your own account"),
    });
    await expect(admin.caller.adminUsers.setRole({ id: admin.user.id, role: "shopper" })).rejects.toMatchObject({ code: "CONFLICT" });
    const cookie = await cookieFor(admin.session.sessionId, admin.user.id);
    const answer = await (await testGateway()).inject({ method: "POST", url: `/api/v1/admin/users/${admin.user.id}/disable`, headers: { cookie, "content-type": "application/json" }, payload: "{}" });
    expect(answer.statusCode, answer.body).toBe(409);
    expect(answer.json()).toMatchObject({ status: 409, code: "CANNOT_CHANGE_OWN_ACCESS", detail: expect.stringContaining("your own account") });
  });

  it("lists users by search, role and status, a page at a time (admins only)", async () => {
    const admin = await createAdmin();
    const marker = `findme${Date.now()}`;
    for (let i = 0; i < 3; i++) await createUser("shopper", { email: `${marker}-${i}@example.test` });
    const page1 = await admin.caller.adminUsers.list({ q: marker.toUpperCase(), pageSize: 2 });
    expect(page1.total).toBe(3);
    expect(page1.items).toHaveLength(2);
    const page2 = await listUsers(getDb(), { q: marker, pageSize: 2, page: 2 });
    expect(page2.items).toHaveLength(1);
    expect((await listUsers(getDb(), { q: marker, role: "admin" })).total).toBe(0);
    expect((await listUsers(getDb(), { q: "%", status: "disabled", pageSize: 1 })).items.every((u) => u.disabledAt)).toBe(true);
    const shopper = await createShopper();
    await expect(shopper.caller.adminUsers.list({})).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});

describe("the last admin", () => {
  let scratch: { url: string; drop: () => Promise<void> };
  let db: Database;
  let close: () => Promise<void>;

  beforeAll(async () => {
    // A database of its own: the shared one has admins from every other test.
    scratch = await createScratchDatabase(inject("adminDatabaseUrl"));
    const created = createDatabase(scratch.url, 4);
    db = created.db;
    close = () => created.sql.end();
  });
  afterAll(async () => {
    await close();
    await scratch.drop();
  });

  it("cannot be demoted or disabled, also when two admins demote each other at once (409 LAST_ADMIN)", async () => {
    const { createOrPromoteAdmin } = await import("./password.service");
    const a = await createOrPromoteAdmin({ db, email: "a@example.test", password: "first-Admin-pw-1", requestId: "t" });
    const b = await createOrPromoteAdmin({ db, email: "b@example.test", password: "second-Admin-pw-2", requestId: "t" });

    const results = await Promise.allSettled([
      setUserRole({ db, userId: b.id, role: "shopper", actorId: a.id }),
      setUserRole({ db, userId: a.id, role: "shopper", actorId: b.id }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const refused = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect(refused.reason).toMatchObject({ code: "LAST_ADMIN", message: expect.stringContaining("last enabled admin") });

    const remaining = results[0].status === "fulfilled" ? a : b;
    const someoneElse = remaining === a ? b : a;
    await expect(setUserDisabled({ db, userId: remaining.id, disabled: true, actorId: someoneElse.id })).rejects.toMatchObject({ code: "LAST_ADMIN" });
    await expect(setUserRole({ db, userId: remaining.id, role: "shopper", actorId: someoneElse.id })).rejects.toMatchObject({ code: "LAST_ADMIN" });
    // Promoting someone else first makes it possible.
    await setUserRole({ db, userId: someoneElse.id, role: "admin", actorId: remaining.id });
    await setUserDisabled({ db, userId: remaining.id, disabled: true, actorId: someoneElse.id });
  });
});

describe("password reset links", () => {
  it("work once, set a policy-checked password, end every session, and are audited", async () => {
    const admin = await createAdmin();
    const user = await createUser("shopper");
    const sid = await createAuthSession(getDb(), user.id);
    const logged = vi.spyOn(logger, "warn");
    const { token, url, expiresAt } = await createPasswordResetLink({ db: getDb(), userId: user.id, actorId: admin.user.id, requestId: "r" });
    expect(url).toContain(`/reset-password?token=${token}`);
    // The log is how the link reaches the admin (no mail server).
    expect(logged).toHaveBeenCalledWith(expect.objectContaining({ event: "password_reset_link", userId: user.id, url }), expect.any(String));
    logged.mockRestore();
    expect(expiresAt.getTime()).toBeGreaterThan(Date.now() + 59 * 60 * 1000);

    // A weak password is refused and does not use the link up.
    await expect(resetPasswordWithToken({ db: getDb(), token, newPassword: "short" })).rejects.toMatchObject({ code: "VALIDATION_FAILED" });
    await resetPasswordWithToken({ db: getDb(), token, newPassword: "brand-New-pass-9" });
    expect(await verifyCredentials(getDb(), user.email, "brand-New-pass-9")).toMatchObject({ id: user.id });
    expect(await verifyCredentials(getDb(), user.email, "password123")).toBeNull();
    expect(await findActiveSession(getDb(), sid)).toBeNull();
    expect(await lastEvent(user.id)).toMatchObject({ type: "password_reset", actorUserId: null });

    // Single use, also when two requests race with the same link.
    await expect(resetPasswordWithToken({ db: getDb(), token, newPassword: "another-Pass-10" })).rejects.toMatchObject({ code: "RESET_LINK_INVALID" });
    const second = await createPasswordResetLink({ db: getDb(), userId: user.id, actorId: admin.user.id });
    const race = await Promise.allSettled([
      resetPasswordWithToken({ db: getDb(), token: second.token, newPassword: "racer-One-pass-1" }),
      resetPasswordWithToken({ db: getDb(), token: second.token, newPassword: "racer-Two-pass-2" }),
    ]);
    expect(race.filter((r) => r.status === "fulfilled")).toHaveLength(1);
  });

  it("expire, and a newer link replaces an older one", async () => {
    const admin = await createAdmin();
    const user = await createUser("shopper");
    const old = await createPasswordResetLink({ db: getDb(), userId: user.id, actorId: admin.user.id, now: new Date(Date.now() - 2 * 60 * 60 * 1000) });
    await expect(resetPasswordWithToken({ db: getDb(), token: old.token, newPassword: "expired-Link-pw-1" })).rejects.toMatchObject({
      code: "RESET_LINK_INVALID",
    });
    const first = await createPasswordResetLink({ db: getDb(), userId: user.id, actorId: admin.user.id });
    const latest = await createPasswordResetLink({ db: getDb(), userId: user.id, actorId: admin.user.id });
    await expect(resetPasswordWithToken({ db: getDb(), token: first.token, newPassword: "replaced-Link-pw-1" })).rejects.toMatchObject({
      code: "RESET_LINK_INVALID",
    });
    // Only the hash is stored: the database never holds the token itself.
    const stored = await getDb().select().from(passwordResetTokens).where(eq(passwordResetTokens.userId, user.id));
    expect(stored.some((row) => row.tokenHash === latest.token)).toBe(false);
    await resetPasswordWithToken({ db: getDb(), token: latest.token, newPassword: "latest-Link-pw-1" });
    // The public procedure answers a bad link with 400 and a clear message.
    await expect(callerAs(null).account.resetPassword({ token: "nope", newPassword: "whatever-Pw-123" })).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: expect.stringContaining("not valid"),
    });
  });
});

describe("changing one's own password", () => {
  it("checks the current password and the policy, ends the other sessions (not this one), and is audited", async () => {
    const user = await createUser("shopper", { password: "password123" });
    const current = await createAuthSession(getDb(), user.id);
    const other = await createAuthSession(getDb(), user.id);
    const caller = callerAs({ id: user.id, email: user.email, name: user.name, role: "shopper", sessionId: current });

    await expect(caller.account.changePassword({ currentPassword: "wrong-one", newPassword: "a-New-password-1" })).rejects.toMatchObject({
      code: "BAD_REQUEST",
      cause: expect.objectContaining({ fieldErrors: { currentPassword: ["The current password is not right"] } }),
    });
    await expect(caller.account.changePassword({ currentPassword: "password123", newPassword: "aaaaaaaaaaaa" })).rejects.toMatchObject({
      code: "BAD_REQUEST",
    });
    const prefix = user.email.split("@")[0]!;
    await expect(changeOwnPassword({ db: getDb(), userId: user.id, sessionId: current, currentPassword: "password123", newPassword: `${prefix}-X1` })).rejects.toMatchObject({
      code: "VALIDATION_FAILED",
    });

    expect(await caller.account.changePassword({ currentPassword: "password123", newPassword: "a-New-password-1" })).toEqual({ otherSessionsEnded: 1 });
    expect(await findActiveSession(getDb(), current)).not.toBeNull();
    expect(await findActiveSession(getDb(), other)).toBeNull();
    expect(await verifyCredentials(getDb(), user.email, "a-New-password-1")).toMatchObject({ id: user.id });
    expect(await lastEvent(user.id)).toMatchObject({ type: "password_changed", actorUserId: user.id, after: { otherSessionsEnded: 1 } });
  });
});
