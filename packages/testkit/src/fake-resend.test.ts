import { Resend } from "resend";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startFakeResend, type FakeResend } from "./fake-resend";

let fake: FakeResend;
const previous = process.env.RESEND_BASE_URL;

beforeAll(async () => {
  fake = await startFakeResend();
  // The SDK reads RESEND_BASE_URL when constructed: exactly how the app is pointed at the fake.
  process.env.RESEND_BASE_URL = fake.url;
});
afterAll(async () => {
  process.env.RESEND_BASE_URL = previous;
  await fake.close();
});
beforeEach(() => fake.clear());

describe("fake Resend through the real SDK", () => {
  it("emails.send lands in emails and returns its id", async () => {
    const resend = new Resend("re_test_key");
    const { data, error } = await resend.emails.send({
      from: "BaaS <login@baas.test>", to: "ana@example.com", subject: "Your sign-in link",
      html: '<a href="http://app.test/api/auth/callback?token=abc">Sign in</a>',
    });
    expect(error).toBeNull();
    expect(data?.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(fake.emails).toHaveLength(1);
    expect(fake.emails[0]).toMatchObject({ id: data?.id, to: ["ana@example.com"], subject: "Your sign-in link", apiKey: "re_test_key" });
    const fetched = await resend.emails.get(data!.id);
    expect(fetched.data).toMatchObject({ id: data?.id, subject: "Your sign-in link" });
  });

  it("waitForEmail resolves when the email arrives later", async () => {
    const waiting = fake.waitForEmail("late@example.com", 2_000);
    setTimeout(() => void new Resend("re_k").emails.send({ from: "a@b.test", to: ["late@example.com"], subject: "hi", text: "x" }), 50);
    await expect(waiting).resolves.toMatchObject({ subject: "hi", text: "x" });
    await expect(fake.waitForEmail("nobody@example.com", 100)).rejects.toThrow(/no email to nobody@example.com/);
  });

  it("rejects a missing subject with 422 and a missing key with 401, storing nothing", async () => {
    const { data, error } = await new Resend("re_k").emails.send({ from: "a@b.test", to: "x@y.test", text: "t" } as never);
    expect(data).toBeNull();
    expect(error).toMatchObject({ statusCode: 422, name: "missing_required_field" });
    const anon = await fetch(`${fake.url}/emails`, { method: "POST", body: "{}" });
    expect(anon.status).toBe(401);
    expect(fake.emails).toHaveLength(0);
  });

  it("sends batches all-or-nothing", async () => {
    const resend = new Resend("re_k");
    const ok = await resend.batch.send([
      { from: "a@b.test", to: "one@x.test", subject: "1", text: "1" },
      { from: "a@b.test", to: "two@x.test", subject: "2", text: "2" },
    ]);
    expect(ok.data?.data).toHaveLength(2);
    const bad = await resend.batch.send([{ from: "a@b.test", to: "three@x.test", subject: "3", text: "3" }, { from: "a@b.test", subject: "4" } as never]);
    expect(bad.error).toMatchObject({ statusCode: 422 });
    expect(fake.emails.map((e) => e.to[0])).toEqual(["one@x.test", "two@x.test"]);
  });
});
