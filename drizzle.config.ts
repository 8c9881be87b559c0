import { defineConfig } from "drizzle-kit";

// `drizzle-kit generate` needs no database; migrations are applied at start by scripts/start.ts.
export default defineConfig({
  dialect: "postgresql",
  schema: "./src/server/db/schema/index.ts",
  out: "./drizzle",
  casing: "snake_case",
  dbCredentials: { url: process.env.DATABASE_URL ?? "postgres://localhost:5432/shopflow" },
});
