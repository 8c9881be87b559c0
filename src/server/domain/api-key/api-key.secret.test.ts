import { describe, expect, it } from "vitest";
import type { Database } from "@/server/db/client";
import { authenticateApiKey } from "./api-key.auth";
import { generateSecret, hashSecret, prefixOf, sameHash } from "./api-key.secret";

describe("API key secrets", () => {
  it("makes well-formed, distinct secrets whose prefix and hash match", () => {
    const seen = new Set<string>();
    for (let i = 0; i < 200; i++) {
      const { secret, prefix, secretHash } = generateSecret();
      expect(secret).toMatch(/^sf_live_[0-9A-Za-z]{8}_[0-9A-Za-z]{43}$/);
      expect(prefixOf(secret)).toBe(prefix);
      expect(sameHash(hashSecret(secret), secretHash)).toBe(true);
      seen.add(secret);
    }
    expect(seen.size).toBe(200);
  });

  it("compares hashes only when both are whole and equal", () => {
    const a = hashSecret("a");
    expect(sameHash(a, hashSecret("b"))).toBe(false);
    expect(sameHash(a, a.slice(0, 62))).toBe(false);
    expect(sameHash("", "")).toBe(false);
  });

  it("answers malformed secrets with null without touching the database", async () => {
    const untouchable = new Proxy({}, { get: () => { throw new Error("the database was touched"); } }) as Database;
    const { secret } = generateSecret();
    for (const bad of ["", " ", "sf_live_", secret.slice(0, -1), `${secret} `, secret.toUpperCase().replace("SF_LIVE_", "sf_LIVE_"), "x".repeat(100_000), 42 as unknown as string]) {
      expect(await authenticateApiKey(untouchable, bad)).toBeNull();
    }
  });
});
