import { Writable } from "node:stream";
import { describe, expect, it, vi } from "vitest";

/** The app's logger with its real options, writing into memory. */
const captured = vi.hoisted(() => ({ text: "" }));
vi.mock("@/server/observability/logger", async (importOriginal) => {
  const actual = await importOriginal<typeof import("@/server/observability/logger")>();
  const sink = new Writable({
    write(chunk, _encoding, done) {
      captured.text += String(chunk);
      done();
    },
  });
  return { ...actual, logger: actual.createLogger({ level: "info" }, sink) };
});

describe("onRequestError", () => {
  it("logs a render failure with the digest the error page shows and the gateway's request id", async () => {
    vi.stubEnv("NEXT_RUNTIME", "nodejs");
    const { onRequestError } = await import("./instrumentation");
    const error = Object.assign(new Error("order lookup failed"), { digest: "3141592653" });
    await onRequestError(error, { path: "/admin/orders/x?token=secret-value", method: "GET", headers: { "x-request-id": "req-render-1", cookie: "session=secret-cookie" } }, { routePath: "/admin/orders/[id]", routeType: "render" });
    vi.unstubAllEnvs();
    const line = JSON.parse(captured.text.trim()) as Record<string, unknown>;
    expect(line).toMatchObject({ level: 50, msg: "page failed", digest: "3141592653", requestId: "req-render-1", method: "GET", route: "page /admin/orders/[id]" });
    // Neither the query string nor the headers' secrets are logged.
    expect(captured.text).not.toContain("secret-value");
    expect(captured.text).not.toContain("secret-cookie");
  });
});
