import { defineConfig } from "drizzle-kit";
import { loadEnvFile } from "./scripts/env-file";

// DATABASE_URL from .env (the real environment wins), as every other command reads it.
loadEnvFile();

// `drizzle-kit generate` needs no database; migrations are applied at start by scripts/start.ts.
export default defineConfig({
  dialect: "postgresql",
  schema: "./src/server/db/schema/index.ts",
  out: "./drizzle",
  casing: "snake_case",
  dbCredentials: { url: process.env.DATABASE_URL ?? "postgres://localhost:5432/shopflow" },
});
