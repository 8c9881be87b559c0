import { describe, expect, it } from "vitest";
import { relativeUrl, standardAuthAnswer } from "./auth-answer";

const redirect = (location: string, status = 302) => {
  const headers = new Headers({ location });
  headers.append("set-cookie", "next-auth.csrf-token=abc; Path=/; HttpOnly");
  headers.append("set-cookie", "next-auth.callback-url=%2F; Path=/");
  return new Response(null, { status, headers });
};
const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json", "set-cookie": "next-auth.csrf-token=abc; Path=/" } });

describe("the /api/auth answer", () => {
  it("makes next-auth's absolute redirects relative, keeping status and cookies", async () => {
    const answer = await standardAuthAnswer(redirect("http://localhost:3000/api/auth/error?error=CredentialsSignin&provider=credentials"));
    expect(answer.status).toBe(302);
    expect(answer.headers.get("location")).toBe("/api/auth/error?error=CredentialsSignin&provider=credentials");
    expect(answer.headers.getSetCookie()).toHaveLength(2);
    expect((await standardAuthAnswer(redirect("http://localhost:3000"))).headers.get("location")).toBe("/");
  });

  it("makes the url of a JSON answer relative and leaves other JSON alone", async () => {
    const answer = await standardAuthAnswer(json({ url: "http://localhost:3000/orders?x=1" }));
    expect(await answer.json()).toEqual({ url: "/orders?x=1" });
    expect(answer.headers.getSetCookie()).toHaveLength(1);
    const failed = await standardAuthAnswer(json({ url: "http://localhost:3000/api/auth/error?error=InvalidCredentials" }, 401));
    expect(failed.status).toBe(401);
    expect(await failed.json()).toEqual({ url: "/api/auth/error?error=InvalidCredentials" });
    expect(await (await standardAuthAnswer(json({ csrfToken: "t" }))).json()).toEqual({ csrfToken: "t" });
  });

  it("answers a throttled sign-in with 429 and Retry-After, in both modes", async () => {
    for (const from of [
      redirect("http://localhost:3000/api/auth/error?error=TooManyAttempts%3A897"),
      json({ url: "http://localhost:3000/api/auth/error?error=TooManyAttempts%3A897" }, 401),
    ]) {
      const answer = await standardAuthAnswer(from);
      expect(answer.status).toBe(429);
      expect(answer.headers.get("retry-after")).toBe("897");
      expect(answer.headers.get("location")).toBeNull();
      expect(answer.headers.getSetCookie().length).toBeGreaterThan(0);
      expect(await answer.json()).toEqual({ error: "TooManyAttempts", retryAfterSeconds: 897 });
    }
  });

  it("never answers a URL a browser would read as another host", () => {
    expect(relativeUrl("http://localhost:3000//evil.example")).toBe("/");
    expect(relativeUrl("/\\evil.example")).toBe("/");
    expect(relativeUrl("/sign-in?callbackUrl=%2Forders")).toBe("/sign-in?callbackUrl=%2Forders");
  });
});
