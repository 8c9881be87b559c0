import { spawn } from "node:child_process";
import path from "node:path";
import { eq } from "drizzle-orm";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { getAuthOptions } from "@/server/auth/options";
import { createDatabase } from "@/server/db/client";
import { userEvents, users } from "@/server/db/schema";
import { verifyCredentials } from "@/server/domain/user";

const ROOT = path.resolve(import.meta.dirname, "..");

/** Runs `npm run admin:create` as its own process, the password piped on stdin. */
function adminCreate(args: string[], stdin: string, databaseUrl: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["--import", "tsx", path.join(ROOT, "scripts/admin-create.ts"), ...args], {
      cwd: ROOT,
      // SEED_DEMO=0: the database gets no demo data, as in production.
      env: { ...process.env, DATABASE_URL: databaseUrl, SEED_DEMO: "0", LOG_LEVEL: "silent" },
      stdio: ["pipe", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
    child.on("exit", (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(stdin);
  });
}

/** next-auth's credentials `authorize`, as the sign-in route runs it. */
function authorize(email: string, password: string) {
  const provider = getAuthOptions().providers[0] as unknown as {
    options: { authorize: (c: Record<string, string>, req: { headers: Record<string, string> }) => Promise<unknown> };
  };
  return provider.options.authorize({ email, password }, { headers: {} });
}

describe("npm run admin:create on a database without the demo seed", () => {
  const name = `shopflow_admin_create_${process.pid}_${Date.now()}`;
  let url: string;
  let adminUrl: string;
  let mainUrl: string;

  beforeAll(async () => {
    adminUrl = inject("adminDatabaseUrl");
    // Empty: not even migrated. The script migrates it.
    const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
    await admin.unsafe(`CREATE DATABASE "${name}"`);
    await admin.end();
    const u = new URL(adminUrl);
    u.pathname = `/${name}`;
    url = u.toString();
    mainUrl = process.env.DATABASE_URL!;
  });

  afterAll(async () => {
    process.env.DATABASE_URL = mainUrl;
    const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
    await admin.unsafe(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.end();
  });

  it("refuses a weak password and a malformed email with a message and a non-zero exit", async () => {
    const [weak, malformed] = await Promise.all([
      adminCreate(["--email", "boss@example.com"], "short1\n", url),
      adminCreate(["--email", "not-an-email"], "a-Good-password-42\n", url),
    ]);
    expect(weak.code).toBe(1);
    expect(weak.stderr).toContain("Use at least 10 characters");
    expect(malformed.code).toBe(1);
    expect(malformed.stderr).toContain("Not a valid email address: not-an-email");
  });

  it("migrates, creates the admin (audited), and that admin signs in through next-auth's credentials provider", async () => {
    const result = await adminCreate(["--email", "Boss@Example.com", "--name", "The Boss"], "a-Good-password-42\n", url);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("Created the admin boss@example.com");

    const { sql, db } = createDatabase(url, 2);
    try {
      const [row] = await db.select().from(users).where(eq(users.email, "boss@example.com"));
      expect(row).toMatchObject({ name: "The Boss", role: "admin", disabledAt: null });
      const events = await db.select().from(userEvents).where(eq(userEvents.userId, row!.id));
      expect(events).toEqual([expect.objectContaining({ type: "created", actorUserId: null, requestId: "cli:admin-create" })]);
      expect(await verifyCredentials(db, "boss@example.com", "a-Good-password-42")).toMatchObject({ role: "admin", disabled: false });
    } finally {
      await sql.end();
    }

    // The sign-in route's own path (throttle counters included) against that database.
    process.env.DATABASE_URL = url;
    await expect(authorize("boss@example.com", "a-Good-password-42")).resolves.toMatchObject({ email: "boss@example.com", role: "admin" });
    process.env.DATABASE_URL = mainUrl;
  });
});
