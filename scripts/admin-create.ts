/**
 * `npm run admin:create -- --email you@example.com [--name "Your Name"]`: creates the first
 * admin (or makes an existing account an admin) on any database, the demo seed or not.
 * Migrates first (under the migrations lock, so it is safe beside a starting app). The password
 * is asked for on a terminal, without echo, twice; piped, it is the first line of stdin:
 *   printf '%s\n' "$ADMIN_PASSWORD" | npm run admin:create -- --email you@example.com
 * Exit codes: 0 done, 1 refused (bad email, weak password…), 2 usage.
 */
import { parseArgs } from "node:util";
import { createDatabase } from "../src/server/db/client";
import { runMigrations } from "../src/server/db/migrate";
import { ZEmail, assertPasswordAllowed, createOrPromoteAdmin } from "../src/server/domain/user";
import { isDomainError } from "../src/server/errors";
import { ensureDatabase } from "./lib";

const USAGE = 'Usage: npm run admin:create -- --email you@example.com [--name "Your Name"]  (password from the terminal or stdin)';

/** What was typed ahead of the current question (after its Enter), for the next one. */
let typedAhead = "";

/** Reads one line from a terminal in raw mode, so nothing typed is shown. */
function askHidden(question: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const stdin = process.stdin;
    let answer = "";
    process.stdout.write(question);
    stdin.setRawMode(true);
    stdin.setEncoding("utf8");
    const done = (rest: string, error?: Error) => {
      typedAhead = rest;
      stdin.off("data", onData);
      stdin.setRawMode(false);
      stdin.pause();
      process.stdout.write("\n");
      if (error) reject(error);
      else resolve(answer);
    };
    const onData = (chunk: string) => {
      const chars = [...chunk];
      for (let i = 0; i < chars.length; i++) {
        const char = chars[i]!;
        if (char === "\r" || char === "\n" || char === "\u0004") return done(chars.slice(i + 1).join("").replace(/^\n/, ""));
        if (char === "\u0003") return done("", new Refused("Cancelled; nothing was changed."));
        if (char === "\u007f" || char === "\b") answer = answer.slice(0, -1);
        else answer += char;
      }
    };
    stdin.on("data", onData);
    stdin.resume();
    if (typedAhead) onData(typedAhead);
  });
}

async function readPiped(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8").split(/\r?\n/)[0] ?? "";
}

async function readPassword(): Promise<string> {
  if (!process.stdin.isTTY) return readPiped();
  const first = await askHidden("Password for the admin: ");
  const again = await askHidden("The same password again: ");
  if (first !== again) throw new Refused("The two passwords differ; nothing was changed.");
  return first;
}

class Refused extends Error {}

async function main(): Promise<number> {
  let values: { email?: string; name?: string };
  try {
    ({ values } = parseArgs({ options: { email: { type: "string" }, name: { type: "string" } }, strict: true }));
  } catch (error) {
    console.error(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  if (!values.email) {
    console.error(`--email is required.\n${USAGE}`);
    return 2;
  }
  // Checked before anything starts, so a typo costs no database start or migration.
  const email = ZEmail.safeParse(values.email);
  if (!email.success) throw new Refused(`Not a valid email address: ${values.email}`);
  const password = await readPassword();
  if (!password) throw new Refused("No password given (type it, or pipe it on stdin).");
  assertPasswordAllowed(password, email.data, "password");

  const embedded = await ensureDatabase();
  try {
    await runMigrations(process.env.DATABASE_URL!);
    const { sql, db } = createDatabase(process.env.DATABASE_URL!, 2);
    try {
      const admin = await createOrPromoteAdmin({ db, email: values.email, name: values.name, password });
      console.log(admin.created ? `Created the admin ${admin.email}.` : `${admin.email} is now an admin, enabled, with the new password (its old sessions ended).`);
      return 0;
    } finally {
      await sql.end({ timeout: 5 });
    }
  } finally {
    await embedded?.stop();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof Refused) console.error(error.message);
    else if (isDomainError(error)) {
      const field = Object.keys(error.fieldErrors ?? {})[0];
      console.error(`Refused${field ? ` (${field})` : ""}: ${error.message}. Nothing was changed.`);
    }
    else console.error(`admin:create failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
