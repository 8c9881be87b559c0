import { afterAll, inject } from "vitest";
import { closeDb } from "../src/server/db/client";

// Every test file talks to the run's fresh database through the normal client.
process.env.DATABASE_URL = inject("databaseUrl");

afterAll(async () => {
  await closeDb();
});
