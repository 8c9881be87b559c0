import { describe, expect, it } from "vitest";
import { EnvError, loadEnv } from "./env";

describe("environment", () => {
  it("names the bad variable", () => {
    expect(() => loadEnv({ DATABASE_POOL_SIZE: "zero" })).toThrow(EnvError);
    expect(() => loadEnv({ DATABASE_POOL_SIZE: "zero" })).toThrow(/DATABASE_POOL_SIZE/);
    expect(() => loadEnv({ DATABASE_URL: "not a url" })).toThrow(/DATABASE_URL/);
    expect(() => loadEnv({ DATABASE_STATEMENT_POOL_SIZE: "0" })).toThrow(/DATABASE_STATEMENT_POOL_SIZE/);
  });

  it("reads the webhook allow-list and names a bad entry", () => {
    expect(loadEnv({ WEBHOOK_ALLOWED_HOSTS: "localhost:4000, 127.0.0.1:4001, 10.0.0.0/8, [::1]:4002" }).WEBHOOK_ALLOWED_HOSTS).toBe("localhost:4000, 127.0.0.1:4001, 10.0.0.0/8, [::1]:4002");
    expect(() => loadEnv({ WEBHOOK_ALLOWED_HOSTS: "localhost:4000, 10.0.0.0/40" })).toThrow(/WEBHOOK_ALLOWED_HOSTS: "10\.0\.0\.0\/40" is not a CIDR range/);
    expect(() => loadEnv({ WEBHOOK_ALLOWED_HOSTS: "http://localhost:4000" })).toThrow(/WEBHOOK_ALLOWED_HOSTS/);
  });

  it("fills defaults", () => {
    const env = loadEnv({});
    expect(env.DATABASE_POOL_SIZE).toBe(10);
    expect(env.DATABASE_STATEMENT_POOL_SIZE).toBe(2);
    expect(env.SCHEDULER_MODE).toBe("auto");
  });
});
