/**
 * A stand-in for one app process in the cache-sync test: it caches one app_settings row for
 * ten minutes and answers commands on stdin with JSON lines on stdout.
 *   read           → {"read": <value>}
 *   write <value>  → stores the value, invalidates the cache after the commit → {"wrote": <value>}
 */
import readline from "node:readline";
import { eq } from "drizzle-orm";
import { processCache } from "@/server/cache/process-cache";
import { closeDb, getDb } from "@/server/db/client";
import { appSettings } from "@/server/db/schema";

const namespace = process.env.PEER_NAMESPACE!;
const cache = processCache<string>("test:peer", { ttlMs: 600_000 });
const db = getDb();

const read = () =>
  cache.get(async () => {
    const [row] = await db.select({ value: appSettings.value }).from(appSettings).where(eq(appSettings.namespace, namespace));
    return String(row?.value.v ?? "none");
  });

async function write(value: string) {
  await db.transaction(async (tx) => {
    await tx.insert(appSettings).values({ namespace, value: { v: value } }).onConflictDoUpdate({ target: appSettings.namespace, set: { value: { v: value } } });
  });
  cache.invalidate();
}

const say = (line: object) => process.stdout.write(`${JSON.stringify(line)}\n`);
readline.createInterface({ input: process.stdin }).on("line", (line) => {
  const [command, value = ""] = line.split(" ");
  if (command === "read") void read().then((v) => say({ read: v }));
  else if (command === "write") void write(value).then(() => say({ wrote: value }));
});
process.on("SIGTERM", () => void closeDb().then(() => process.exit(0)));
say({ started: true });
