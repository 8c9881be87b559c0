import { describe, expect, it } from "vitest";
import { POST } from "./route";

const context = { params: Promise.resolve({ nextauth: ["callback", "credentials"] }) };
const post = (body: string, contentType = "application/json") =>
  POST(new Request("http://localhost/api/auth/callback/credentials", { method: "POST", headers: { "content-type": contentType }, body }), context);

describe("next-auth's route under malformed input", () => {
  it.each(["{", '{"email":', "", "[]", "null", '"text"', "\u0000"])("refuses the JSON body %j with 400, before next-auth reads it", async (body) => {
    const response = await post(body);
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ error: { code: "BAD_REQUEST", message: "The request body is not valid JSON" } });
  });

  it("answers whatever next-auth throws with a generic 500: no message, no stack", async () => {
    // Outside a Next request next-auth cannot read its request context and throws.
    const response = await post('{"email":"a@b.c","password":"x"}');
    expect(response.status).toBe(500);
    const text = await response.text();
    expect(text).toContain("Something went wrong on our side");
    expect(text).not.toMatch(/TypeError|nextUrl|\.js:\d+|"stack"/);
  });
});
