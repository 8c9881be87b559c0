import { randomBytes } from "node:crypto";
import bcrypt from "bcryptjs";

/**
 * bcrypt via bcryptjs: a well-kept, dependency-free implementation (no native build, so it
 * installs on every platform). Cost 10 in production; tests lower it through the env var.
 */
const COST = Number(process.env.BCRYPT_COST ?? 10);

export function hashPassword(plain: string): Promise<string> {
  return bcrypt.hash(plain, COST);
}

export function verifyPassword(plain: string, hash: string): Promise<boolean> {
  return bcrypt.compare(plain, hash);
}

let dummyHash: Promise<string> | undefined;

/**
 * A hash of a secret nobody knows, made once per process at the configured cost: checking a
 * password against it for an unknown email takes as long as checking a real account's, whatever
 * BCRYPT_COST says, so timing does not reveal which emails have accounts.
 */
export function dummyPasswordHash(): Promise<string> {
  dummyHash ??= hashPassword(randomBytes(32).toString("base64url"));
  return dummyHash;
}
