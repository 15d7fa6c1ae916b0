import { describe, expect, it } from "vitest";
import { refuseMalformedAuthRequest } from "./auth-input";

const base = "http://127.0.0.1:3000/api/auth";
const post = (path: string, fields: Record<string, string>) =>
  new Request(`${base}${path}`, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: new URLSearchParams(fields) });

async function verdict(req: Request): Promise<string> {
  const res = await refuseMalformedAuthRequest(req);
  return res ? `${res.status} ${((await res.json()) as { error: string }).error}` : "pass";
}

describe("auth route input", () => {
  it("lets ordinary sign-in requests and magic links through", async () => {
    expect(await verdict(post("/signin/email", { email: "ana@vmdeco.demo", csrfToken: "abc123", callbackUrl: "http://127.0.0.1:3000/t/x" }))).toBe("pass");
    expect(await verdict(post("/signin/email", { email: "ana@vmdeco.demo", csrfToken: "abc123", callbackUrl: "/" }))).toBe("pass");
    expect(await verdict(new Request(`${base}/callback/email?token=0f3a&email=ana%40vmdeco.demo&callbackUrl=%2Finvite%2Fx`))).toBe("pass");
  });

  it("refuses what next-auth would turn into a 500, naming the field", async () => {
    expect(await verdict(post("/signin/email", { email: "a@b.test", csrfToken: "x", callbackUrl: '{"json":null}' }))).toBe("400 Invalid request: callbackUrl: must be a path or an http(s) URL");
    expect(await verdict(post("/signin/email", { email: "a@b.test", callbackUrl: "javascript:alert(1)" }))).toMatch(/^400 .*callbackUrl/);
    expect(await verdict(post("/signin/email", { email: "a@b.test", callbackUrl: "//evil.example" }))).toMatch(/^400 .*callbackUrl/);
    expect(await verdict(post("/signin/email", { email: "a@b.test\n[baas] forged", csrfToken: "x" }))).toBe("400 Invalid request: email: contains control characters");
    expect(await verdict(post("/signin/email", { email: "a@b.test", csrfToken: "x".repeat(3_000) }))).toMatch(/^400 .*csrfToken: longer than/);
    expect(await verdict(new Request(`${base}/callback/email?token=abc&email=not-an-address`))).toMatch(/^400 .*email/);
  });
});
