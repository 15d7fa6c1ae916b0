import { describe, expect, it } from "vitest";
import { localDay, periodOf } from "./periods";

describe("calendar periods in the tenant's time zone", () => {
  const tz = "America/Sao_Paulo"; // UTC-3, no DST since 2019
  const at = new Date("2026-11-22T02:30:00Z"); // still Nov 21 in São Paulo

  it("puts a late-evening call in the local day, not the UTC day", () => {
    const p = periodOf("DAILY", at, tz);
    expect(p.key).toBe("D2026-11-21");
    expect(p.start.toISOString()).toBe("2026-11-21T03:00:00.000Z");
    expect(p.end.toISOString()).toBe("2026-11-22T03:00:00.000Z");
    expect(localDay(at, tz)).toBe("2026-11-21");
  });

  it("starts weeks on Monday and months on the 1st, local time", () => {
    expect(periodOf("WEEKLY", at, tz)).toMatchObject({ key: "W2026-11-16" });
    expect(periodOf("WEEKLY", at, tz).end.toISOString()).toBe("2026-11-23T03:00:00.000Z");
    const m = periodOf("MONTHLY", new Date("2026-12-31T23:59:00Z"), "UTC");
    expect(m.key).toBe("M2026-12");
    expect(m.end.toISOString()).toBe("2027-01-01T00:00:00.000Z");
  });

  it("handles a DST zone", () => {
    const p = periodOf("DAILY", new Date("2026-03-29T12:00:00Z"), "Europe/Berlin");
    expect(p.start.toISOString()).toBe("2026-03-28T23:00:00.000Z");
    expect(p.end.toISOString()).toBe("2026-03-29T22:00:00.000Z");
  });
});
