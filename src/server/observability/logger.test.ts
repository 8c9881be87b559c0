import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { createLogger } from "./logger";
import { runWithRequestContext, setRequestUser } from "./request-context";

/** A real pino logger (the app's options) writing JSON lines into memory. */
function capture() {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split("\n")) if (line.trim()) lines.push(JSON.parse(line));
      done();
    },
  });
  return { logger: createLogger({ level: "info" }, stream), lines };
}

describe("structured logs", () => {
  it("puts the request id and the signed-in user id on every line logged under a request", async () => {
    const { logger, lines } = capture();
    await runWithRequestContext({ requestId: "req-abc-123" }, async () => {
      logger.info("before sign-in is known");
      setRequestUser("user-42");
      await Promise.resolve();
      logger.info({ event: "checkout" }, "after an await");
      logger.child({ module: "payment" }).warn("from a child logger");
    });
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatchObject({ requestId: "req-abc-123", msg: "before sign-in is known", service: "shopflow" });
    expect(lines[0]!.userId).toBeUndefined();
    expect(lines[1]).toMatchObject({ requestId: "req-abc-123", userId: "user-42", event: "checkout" });
    expect(lines[2]).toMatchObject({ requestId: "req-abc-123", userId: "user-42", module: "payment", level: 40 });
  });

  it("keeps concurrent requests apart and logs no request id outside a request", async () => {
    const { logger, lines } = capture();
    await Promise.all(
      ["a", "b", "c"].map((name) =>
        runWithRequestContext({ requestId: `req-${name}`, userId: `user-${name}` }, async () => {
          await new Promise((resolve) => setImmediate(resolve));
          logger.info({ name }, "work");
        }),
      ),
    );
    logger.info("background");
    for (const line of lines.slice(0, 3)) expect(line).toMatchObject({ requestId: `req-${line.name}`, userId: `user-${line.name}` });
    expect(lines[3]).not.toHaveProperty("requestId");
  });

  it("never writes passwords, tokens or cookies", () => {
    const { logger, lines } = capture();
    logger.info({ password: "hunter2", user: { password: "x", token: "t" }, headers: { cookie: "sid=1", authorization: "Bearer z" } }, "login");
    const text = JSON.stringify(lines[0]);
    for (const secret of ["hunter2", '"x"', '"t"', "sid=1", "Bearer z"]) expect(text).not.toContain(secret);
    expect(lines[0]).toMatchObject({ password: "[redacted]", headers: { cookie: "[redacted]" } });
  });
});
