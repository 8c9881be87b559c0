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

  it("takes a metrics token of at least 16 characters and a metrics port", () => {
    expect(() => loadEnv({ METRICS_TOKEN: "short" })).toThrow(/METRICS_TOKEN: must be at least 16 characters/);
    expect(() => loadEnv({ METRICS_PORT: "ninety" })).toThrow(/METRICS_PORT/);
    expect(() => loadEnv({ METRICS_PORT: "70000" })).toThrow(/METRICS_PORT/);
    expect(loadEnv({ METRICS_TOKEN: "0123456789abcdef", METRICS_PORT: "9464" })).toMatchObject({ METRICS_TOKEN: "0123456789abcdef", METRICS_PORT: 9464 });
  });

  it("takes a redis:// URL for the shared rate-limit counters and names anything else", () => {
    expect(loadEnv({ REDIS_URL: "redis://127.0.0.1:6379" }).REDIS_URL).toBe("redis://127.0.0.1:6379");
    expect(loadEnv({}).REDIS_URL).toBeUndefined();
    expect(() => loadEnv({ REDIS_URL: "http://127.0.0.1:6379" })).toThrow(/REDIS_URL: must be a redis:\/\/ or rediss:\/\/ URL/);
  });

  it("fills defaults", () => {
    const env = loadEnv({});
    expect(env.DATABASE_POOL_SIZE).toBe(10);
    expect(env.DATABASE_STATEMENT_POOL_SIZE).toBe(2);
    expect(env.SCHEDULER_MODE).toBe("auto");
  });

  it("refuses a NEXTAUTH_URL that is not a bare http(s) origin, naming it", () => {
    for (const bad of ["localhost:3000", "shop.example.com", "ftp://shop.example.com", "https://shop.example.com/shop", "https://user:pw@shop.example.com", "https://shop.example.com/?x=1", "https://shop.example.com#top", "http://"]) {
      expect(() => loadEnv({ NEXTAUTH_URL: bad }), bad).toThrow(/NEXTAUTH_URL: must be the public origin/);
    }
    for (const good of ["http://localhost:3000", "https://shop.example.com", "https://shop.example.com/", "http://127.0.0.1:8080"]) {
      expect(loadEnv({ NEXTAUTH_URL: good }).NEXTAUTH_URL).toBe(good);
    }
  });

  it("reads TRUST_PROXY as a number of proxy hops, 0 by default", () => {
    expect(loadEnv({}).TRUST_PROXY).toBe(0);
    expect(loadEnv({ TRUST_PROXY: "2" }).TRUST_PROXY).toBe(2);
    for (const bad of ["true", "-1", "1.5", "loopback", "99"]) expect(() => loadEnv({ TRUST_PROXY: bad }), bad).toThrow(/TRUST_PROXY/);
  });
});
