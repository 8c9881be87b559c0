/** `npm run db:seed`: loads the demo data; running it twice changes nothing. */
import "./load-env-file";
import { createDatabase } from "../src/server/db/client";
import { runMigrations } from "../src/server/db/migrate";
import { seedDemoData } from "../src/server/db/seed";
import { ensureDatabase } from "./lib";

const embedded = await ensureDatabase();
try {
  await runMigrations(process.env.DATABASE_URL!);
  const { sql, db } = createDatabase(process.env.DATABASE_URL!, 2);
  await seedDemoData(db, (line) => console.log(line));
  await sql.end();
} finally {
  await embedded?.stop();
}
