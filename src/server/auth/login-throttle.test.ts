import { randomUUID } from "node:crypto";
import { describe, expect, it, vi } from "vitest";
import { getAuthOptions } from "./options";
import { CLIENT_ADDRESS_HEADER } from "@/server/http/client-address";
import { checkLoginAllowed, recordLoginFailure, recordLoginSuccess } from "./login-throttle";
import { createUser } from "../../../test/fixtures";

const email = () => `throttle-${randomUUID().slice(0, 8)}@example.test`;
const address = () => `10.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`;

/** next-auth's credentials `authorize`, exactly as the sign-in route runs it. */
function authorize(credentials: { email: string; password: string }, ip: string) {
  const provider = getAuthOptions().providers[0] as unknown as {
    options: { authorize: (c: Record<string, string>, req: { headers: Record<string, string> }) => Promise<unknown> };
  };
  return provider.options.authorize(credentials, { headers: { [CLIENT_ADDRESS_HEADER]: ip } });
}

describe("sign-in throttle", () => {
  it("holds each failure back longer than the one before", async () => {
    const who = email();
    const ip = address();
    const delays: number[] = [];
    for (let i = 0; i < 5; i++) delays.push(await recordLoginFailure(who, ip));
    expect(delays).toEqual([250, 500, 1000, 2000, 4000]);
    expect(await recordLoginFailure(who, ip)).toBe(4000);
  });

  it("locks the email for the window at the fifth failure, and only that email", async () => {
    const who = email();
    const ip = address();
    for (let i = 0; i < 4; i++) {
      await recordLoginFailure(who, ip);
      expect(await checkLoginAllowed(who, ip)).toEqual({ allowed: true });
    }
    await recordLoginFailure(who, ip);
    const verdict = await checkLoginAllowed(who, ip);
    expect(verdict.allowed).toBe(false);
    // Locked for (about) the rest of the 15-minute window.
    expect(verdict.allowed === false && verdict.retryAfterSeconds).toBeGreaterThan(14 * 60);
    expect(verdict.allowed === false && verdict.retryAfterSeconds).toBeLessThanOrEqual(15 * 60);
    expect(await checkLoginAllowed(email(), ip)).toEqual({ allowed: true });
  });

  it("counts failures where every process sees them: a fresh copy of the module (another process) finds the lock", async () => {
    const who = email();
    const ip = address();
    for (let i = 0; i < 5; i++) await recordLoginFailure(who, ip);
    vi.resetModules();
    const elsewhere = await import("./login-throttle");
    const verdict = await elsewhere.checkLoginAllowed(who, ip);
    expect(verdict.allowed).toBe(false);
    expect(await elsewhere.recordLoginFailure(who, ip)).toBe(4000);
  });

  it("starts over after a successful sign-in", async () => {
    const who = email();
    const ip = address();
    for (let i = 0; i < 4; i++) await recordLoginFailure(who, ip);
    await recordLoginSuccess(who);
    expect(await checkLoginAllowed(who, ip)).toEqual({ allowed: true });
    expect(await recordLoginFailure(who, ip)).toBe(250);
  });

  it("blocks one client address after 30 failures across many emails", async () => {
    const ip = address();
    for (let i = 0; i < 30; i++) await recordLoginFailure(email(), ip);
    const verdict = await checkLoginAllowed(email(), ip);
    expect(verdict.allowed).toBe(false);
    expect(await checkLoginAllowed(email(), address())).toEqual({ allowed: true });
  });

  it("is what the credentials sign-in runs: wrong passwords wait, the fifth locks even the right password out", async () => {
    const password = "correct-horse-1";
    const user = await createUser("shopper", { email: email(), password });
    const ip = address();

    const started = performance.now();
    await expect(authorize({ email: user.email, password: "wrong-1" }, ip)).rejects.toThrow("InvalidCredentials");
    // The answer to a wrong password is held back by the first delay (250 ms) at least.
    expect(performance.now() - started).toBeGreaterThanOrEqual(240);

    // Failures two to five, counted through the same limiter without waiting out each delay.
    for (let i = 0; i < 4; i++) await recordLoginFailure(user.email, ip);
    await expect(authorize({ email: user.email, password }, ip)).rejects.toThrow(/^TooManyAttempts:\d+$/);
  });

  it("lets the right password in and resets the count", async () => {
    const password = "correct-horse-2";
    const user = await createUser("shopper", { email: email(), password });
    const ip = address();
    for (let i = 0; i < 3; i++) await recordLoginFailure(user.email, ip);
    await expect(authorize({ email: user.email, password }, ip)).resolves.toMatchObject({ id: user.id, role: "shopper" });
    expect(await recordLoginFailure(user.email, ip)).toBe(250);
  });
});
