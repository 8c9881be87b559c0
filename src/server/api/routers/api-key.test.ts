import { describe, expect, it } from "vitest";
import { getDb } from "@/server/db/client";
import { authenticateApiKey } from "@/server/domain/api-key";
import { callerAs, createAdmin, createShopper } from "../../../../test/fixtures";

describe("apiKey and adminApiKey procedures", () => {
  it("refuses callers without a session (UNAUTHORIZED) and shoppers in the admin router (FORBIDDEN)", async () => {
    const anonymous = callerAs(null);
    await expect(anonymous.apiKey.list()).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    await expect(anonymous.apiKey.create({ name: "x" })).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    await expect(anonymous.adminApiKey.list()).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    const { caller } = await createShopper();
    await expect(caller.adminApiKey.list()).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(caller.adminApiKey.create({ name: "x", scope: "admin_write" })).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("lets a shopper create, list and revoke their key; the list never carries the secret", async () => {
    const { caller } = await createShopper();
    const created = await caller.apiKey.create({ name: "  Zapier  ", expiresAt: new Date(Date.now() + 86_400_000) });
    expect(created.key).toMatchObject({ name: "Zapier", scope: "shopper", status: "active" });
    const listed = await caller.apiKey.list();
    expect(listed.map((k) => k.id)).toEqual([created.key.id]);
    expect(JSON.stringify(listed)).not.toContain(created.secret);
    expect(listed[0]).not.toHaveProperty("secretHash");
    const revoked = await caller.apiKey.revoke({ id: created.key.id });
    expect(revoked.status).toBe("revoked");
    expect(await authenticateApiKey(getDb(), created.secret)).toBeNull();
  });

  it("answers bad input with field errors, another's key with NOT_FOUND, an admin shopper-key request with FORBIDDEN", async () => {
    const { caller } = await createShopper();
    await expect(caller.apiKey.create({ name: "   " })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(caller.apiKey.create({ name: "x", expiresAt: new Date(Date.now() - 60_000) })).rejects.toMatchObject({
      code: "BAD_REQUEST",
      cause: { fieldErrors: { expiresAt: [expect.any(String)] } },
    });
    await expect(caller.apiKey.revoke({ id: "not-a-uuid" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    const { caller: other } = await createShopper();
    const { key } = await other.apiKey.create({ name: "mine" });
    await expect(caller.apiKey.revoke({ id: key.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    const { caller: admin } = await createAdmin();
    await expect(admin.apiKey.create({ name: "x" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(admin.adminApiKey.revoke({ id: key.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("lets admins create read or write keys and revoke each other's, with the owner shown", async () => {
    const { caller: a, user: owner } = await createAdmin();
    const { caller: b } = await createAdmin();
    const created = await a.adminApiKey.create({ name: "BI export", scope: "admin_read" });
    expect(created.key).toMatchObject({ scope: "admin_read", owner: { id: owner.id, email: owner.email } });
    expect((await b.adminApiKey.list()).map((k) => k.id)).toContain(created.key.id);
    await expect(b.adminApiKey.revoke({ id: created.key.id })).resolves.toMatchObject({ status: "revoked" });
    await expect(a.adminApiKey.create({ name: "x", scope: "shopper" as "admin_read" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });
});
