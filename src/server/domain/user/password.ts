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
