import { describe, expect, it } from "vitest";
import { createMemoryHotStore } from "@baas/gateway";
import { normalizeEmail } from "./normalize-email";
import { checkSignIn, SIGN_IN_LIMITS } from "./rate-limit";

const T0 = 1_000_000;

describe("sign-in rate limit", () => {
  it("counts every spelling of one mailbox together: 5 links per 15 minutes, whatever the variant", async () => {
    const hot = createMemoryHotStore({ now: () => T0 });
    const variants = ["ana@vmdeco.com.br", "ANA@VMDECO.COM.BR", " ana@vmdeco.com.br ", "ａｎａ@vmdeco.com.br", "ana@vmdeco.com.br,evil.example", "Ana@VmDeco.com.br,x"];
    const waits = [];
    // Each attempt from its own address: only the mailbox limit can stop them.
    for (const [i, v] of [...variants, ...variants].entries()) waits.push(await checkSignIn(hot, v, `10.0.0.${i}`, T0));
    expect(waits.filter((w) => w === null)).toHaveLength(SIGN_IN_LIMITS.perEmail.max);
    expect(waits.slice(SIGN_IN_LIMITS.perEmail.max).every((w) => w !== null && w >= 1 && w <= 900)).toBe(true);
  });

  it("limits one client address across many mailboxes, and resets after the window", async () => {
    const hot = createMemoryHotStore({ now: () => T0 });
    const results = [];
    for (let i = 0; i < 40; i++) results.push(await checkSignIn(hot, `u${i}@example.com`, "203.0.113.9", T0));
    expect(results.filter((w) => w === null)).toHaveLength(SIGN_IN_LIMITS.perIp.max);
    expect(await checkSignIn(hot, "late@example.com", "203.0.113.9", T0 + SIGN_IN_LIMITS.perIp.windowMs + 1)).toBeNull();
  });

  it("normalises like next-auth and refuses what could forge a log line", () => {
    expect(normalizeEmail("ＡＮＡ@Example.COM,other.com")).toBe("ana@example.com");
    expect(normalizeEmail("ana@example.com\nfake log line")).toBeNull();
    expect(normalizeEmail("a@b@example.com")).toBeNull();
    expect(normalizeEmail(`${"a".repeat(250)}@example.com`)).toBeNull();
    expect(normalizeEmail("ana@localhost")).toBeNull();
  });
});
