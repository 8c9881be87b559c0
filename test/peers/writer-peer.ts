/**
 * A stand-in for another app process (a gateway, the worker, Next's auth routes) that writes and
 * then stops dead, before anything it would do after its commit. With cache sync on
 * (CACHE_SYNC=on), as every app process runs. Answers commands on stdin; the JSON lines go to
 * stdout. Each command kills the process (SIGKILL) the moment its commit has returned:
 *   receive <productId> <quantity> <actorId>  → receives the goods through the stock service
 *   sign-out <sessionId>                      → ends the session, as signing out does
 */
import readline from "node:readline";
import { getDb } from "@/server/db/client";
import { receiveStock } from "@/server/domain/inventory";
import { revokeAuthSession } from "@/server/domain/user";

const db = getDb();

async function thenDie(write: () => Promise<unknown>) {
  await write();
  process.kill(process.pid, "SIGKILL");
}

const say = (line: object) => process.stdout.write(`${JSON.stringify(line)}\n`);
readline.createInterface({ input: process.stdin }).on("line", (line) => {
  const [command, ...args] = line.split(" ");
  if (command === "receive") {
    const [productId = "", quantity = "0", actorId = ""] = args;
    void thenDie(() => receiveStock(db, { input: { productId, quantity: Number(quantity) }, by: { userId: actorId } }));
  }
  if (command === "sign-out") void thenDie(() => revokeAuthSession(db, args[0] ?? ""));
});
process.on("SIGTERM", () => process.exit(0));
say({ started: true });
