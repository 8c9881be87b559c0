/** `npm run db:migrate`: applies the committed migrations (embedded PostgreSQL unless DATABASE_URL is set). */
import "./load-env-file";
import { runMigrations } from "../src/server/db/migrate";
import { ensureDatabase } from "./lib";

const embedded = await ensureDatabase();
try {
  await runMigrations(process.env.DATABASE_URL!);
  console.log("migrations applied");
} finally {
  await embedded?.stop();
}
