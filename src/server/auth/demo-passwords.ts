import { DEMO_ACCOUNTS } from "@/server/db/seed/catalog-data";

/**
 * True when someone signs in with a demo account's published password (README, sign-in page)
 * on a production server that was not started as a demo (SEED_DEMO=1): such an install would
 * otherwise hand its admin to anyone who read the README. Outside production (development,
 * tests) the demo logins keep working.
 */
export function isRefusedDemoPassword(email: string, password: string, environment: Record<string, string | undefined> = process.env): boolean {
  if (environment.NODE_ENV !== "production" || environment.SEED_DEMO === "1") return false;
  const normalized = email.trim().toLowerCase();
  return DEMO_ACCOUNTS.some((account) => account.email === normalized && account.password === password);
}
