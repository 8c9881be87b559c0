import { describe, expect, it } from "vitest";
import { EnvError, loadEnv } from "./env";

describe("environment", () => {
  it("names the bad variable", () => {
    expect(() => loadEnv({ DATABASE_POOL_SIZE: "zero" })).toThrow(EnvError);
    expect(() => loadEnv({ DATABASE_POOL_SIZE: "zero" })).toThrow(/DATABASE_POOL_SIZE/);
    expect(() => loadEnv({ DATABASE_URL: "not a url" })).toThrow(/DATABASE_URL/);
    expect(() => loadEnv({ DATABASE_STATEMENT_POOL_SIZE: "0" })).toThrow(/DATABASE_STATEMENT_POOL_SIZE/);
  });

  it("fills defaults", () => {
    const env = loadEnv({});
    expect(env.DATABASE_POOL_SIZE).toBe(10);
    expect(env.DATABASE_STATEMENT_POOL_SIZE).toBe(2);
    expect(env.SCHEDULER_MODE).toBe("auto");
  });
});
