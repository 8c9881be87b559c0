import { describe, expect, it } from "vitest";
import { getDb } from "@/server/db/client";
import { createAuthSession, findActiveSession, registerShopper, revokeAuthSession, verifyCredentials } from "./user.service";

describe("accounts and sessions", () => {
  it("registers a shopper once per email (case-insensitive) and verifies the password", async () => {
    const db = getDb();
    const email = `Mixed.${Date.now()}@Example.test`.toLowerCase();
    const user = await registerShopper(db, { email, name: "Ada", password: "correct horse" });
    expect(user.role).toBe("shopper");
    await expect(registerShopper(db, { email, name: "Eve", password: "whatever1" })).rejects.toMatchObject({ code: "EMAIL_TAKEN" });
    expect(await verifyCredentials(db, email.toUpperCase(), "correct horse")).toMatchObject({ id: user.id });
    expect(await verifyCredentials(db, email, "wrong password")).toBeNull();
    expect(await verifyCredentials(db, "nobody@example.test", "correct horse")).toBeNull();
  });

  it("ends a session for good on sign-out: the same token id stops resolving", async () => {
    const db = getDb();
    const user = await registerShopper(db, { email: `s-${Date.now()}@example.test`, name: "Bo", password: "password123" });
    const sid = await createAuthSession(db, user.id);
    expect(await findActiveSession(db, sid)).toMatchObject({ id: user.id, role: "shopper" });
    await revokeAuthSession(db, sid);
    await revokeAuthSession(db, sid); // idempotent
    expect(await findActiveSession(db, sid)).toBeNull();
  });
});
