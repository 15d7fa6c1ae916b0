import { describe, expect, it } from "vitest";
import { deliverWebhook } from "./deliver";
import { isAllowedAddress } from "./safe-target";
import { webhookUrlSchema } from "./webhook.schemas";

describe("webhook targets are public addresses only", () => {
  it("refuses private, loopback, link-local, reserved and mapped addresses, accepts public ones", () => {
    for (const a of ["10.1.2.3", "172.20.0.1", "192.168.1.1", "127.0.0.1", "169.254.169.254", "100.64.0.1", "0.0.0.0", "224.0.0.1", "::1", "fd00::1", "fe80::1", "::ffff:10.0.0.1", "::ffff:127.0.0.1", "[::1]"]) {
      expect({ a, ok: isAllowedAddress(a) }).toEqual({ a, ok: false });
    }
    for (const a of ["93.184.216.34", "8.8.8.8", "2606:4700:4700::1111"]) expect({ a, ok: isAllowedAddress(a) }).toEqual({ a, ok: true });
    expect(isAllowedAddress("127.0.0.1", true)).toBe(true);
    expect(isAllowedAddress("10.0.0.1", true)).toBe(false);
  });

  it("refuses such a URL when it is saved, naming why", () => {
    const schema = webhookUrlSchema(false);
    for (const url of ["https://10.0.0.5/hook", "https://169.254.169.254/latest/meta-data", "https://[fd00::1]/x", "https://[::ffff:192.168.0.1]/x", "https://foo.localhost/x"]) {
      const r = schema.safeParse(url);
      expect({ url, ok: r.success }).toEqual({ url, ok: false });
    }
    expect(schema.safeParse("https://hooks.example.com/baas").success).toBe(true);
  });

  it("never connects to a name that resolves to a private address, and does not retry it", async () => {
    const waited: number[] = [];
    const r = await deliverWebhook({ url: "https://localhost:9/hook", secret: "s", body: "{}", sleep: async (ms) => void waited.push(ms) });
    expect(r).toMatchObject({ ok: false, attempts: 1, status: null });
    expect(r.error).toMatch(/private or reserved/);
    expect(waited).toEqual([]);
  });
});
