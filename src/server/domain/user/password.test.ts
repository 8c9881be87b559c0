import bcrypt from "bcryptjs";
import { describe, expect, it } from "vitest";
import { dummyPasswordHash, hashPassword, verifyPassword } from "./password";

describe("password hashes", () => {
  it("checks an unknown account's password against a hash of the same cost as a real one, so both take as long", async () => {
    const real = await hashPassword("correct horse");
    const dummy = await dummyPasswordHash();
    expect(bcrypt.getRounds(dummy)).toBe(bcrypt.getRounds(real));
    expect(await dummyPasswordHash()).toBe(dummy);
    expect(await verifyPassword("correct horse", dummy)).toBe(false);
  });
});
