import { afterEach, describe, expect, it, vi } from "vitest";
import { getAuthOptions } from "./options";
import { isRefusedDemoPassword } from "./demo-passwords";

/** next-auth's credentials `authorize`, as the sign-in route runs it. */
function authorize(email: string, password: string) {
  const provider = getAuthOptions().providers[0] as unknown as {
    options: { authorize: (c: Record<string, string>, req: { headers: Record<string, string> }) => Promise<unknown> };
  };
  return provider.options.authorize({ email, password }, { headers: {} });
}

describe("demo passwords", () => {
  afterEach(() => vi.unstubAllEnvs());

  it("are refused in production unless the server runs as a demo (SEED_DEMO=1)", async () => {
    vi.stubEnv("NODE_ENV", "production");
    vi.stubEnv("SEED_DEMO", "0");
    await expect(authorize("admin@shopflow.test", "admin123")).rejects.toThrow("DemoPasswordRefused");
    await expect(authorize(" Shopper@Shopflow.test", "shopper123")).rejects.toThrow("DemoPasswordRefused");
    vi.stubEnv("SEED_DEMO", "");
    await expect(authorize("admin@shopflow.test", "admin123")).rejects.toThrow("DemoPasswordRefused");
  });

  it("are only a question of the published pairs, production and SEED_DEMO", () => {
    const production = { NODE_ENV: "production" };
    expect(isRefusedDemoPassword("admin@shopflow.test", "admin123", production)).toBe(true);
    expect(isRefusedDemoPassword("admin@shopflow.test", "admin123", { ...production, SEED_DEMO: "1" })).toBe(false);
    expect(isRefusedDemoPassword("admin@shopflow.test", "admin123", { NODE_ENV: "development" })).toBe(false);
    // The demo admin with a password of its own (changed by an operator) may sign in.
    expect(isRefusedDemoPassword("admin@shopflow.test", "a-Real-password-1", production)).toBe(false);
    expect(isRefusedDemoPassword("someone@example.test", "admin123", production)).toBe(false);
  });
});
