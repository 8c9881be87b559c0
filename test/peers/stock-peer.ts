/**
 * A stand-in for another app process (a gateway, the worker) that writes stock and then stops
 * dead, before anything it would do after its commit. With cache sync on (CACHE_SYNC=on), as
 * every app process runs. Answers commands on stdin; the JSON lines go to stdout.
 *   receive <productId> <quantity> <actorId>  → receives the goods through the stock service,
 *                                               then kills itself (SIGKILL) the moment the
 *                                               commit has returned
 */
import readline from "node:readline";
import { getDb } from "@/server/db/client";
import { receiveStock } from "@/server/domain/inventory";

const db = getDb();

async function receiveAndDie(productId: string, quantity: number, actorId: string) {
  await receiveStock(db, { input: { productId, quantity }, by: { userId: actorId } });
  process.kill(process.pid, "SIGKILL");
}

const say = (line: object) => process.stdout.write(`${JSON.stringify(line)}\n`);
readline.createInterface({ input: process.stdin }).on("line", (line) => {
  const [command, productId = "", quantity = "0", actorId = ""] = line.split(" ");
  if (command === "receive") void receiveAndDie(productId, Number(quantity), actorId);
});
process.on("SIGTERM", () => process.exit(0));
say({ started: true });
