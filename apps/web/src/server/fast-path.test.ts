import { describe, expect, it } from "vitest";
import { fastPathHandler, publishFastPath, takesFastPath } from "./fast-path";

const bearer = "Bearer baas_inst_x";

describe("which requests take the gateway fast path", () => {
  it("takes instance-key calls to gateway.* and instance.*, batched or not", () => {
    expect(takesFastPath("/api/trpc/gateway.complete", bearer)).toBe(true);
    expect(takesFastPath("/api/trpc/gateway.stream?batch=1", bearer)).toBe(true);
    expect(takesFastPath("/api/trpc/instance.heartbeat,gateway.preflight?batch=1", bearer)).toBe(true);
  });

  it("leaves people, other procedures and odd paths to Next", () => {
    expect(takesFastPath("/api/trpc/gateway.complete", undefined)).toBe(false);
    expect(takesFastPath("/api/trpc/gateway.complete", "Basic abc")).toBe(false);
    expect(takesFastPath("/api/trpc/operator.setAccountEnabled", bearer)).toBe(false);
    expect(takesFastPath("/api/trpc/gateway.complete,operator.setAccountEnabled?batch=1", bearer)).toBe(false);
    expect(takesFastPath("/api/trpc/", bearer)).toBe(false);
    expect(takesFastPath("/api/trpc/gateway.complete/../operator.x", bearer)).toBe(false);
    expect(takesFastPath("/api/auth/session", bearer)).toBe(false);
    expect(takesFastPath(undefined, bearer)).toBe(false);
  });

  it("keeps the first handler published in the process (one engine, however many bundles load the route)", async () => {
    const first = async () => undefined;
    publishFastPath(first);
    publishFastPath(async () => undefined);
    expect(fastPathHandler()).toBe(first);
    // The registry lives on a global Symbol, so a second copy of this module would find it too.
    expect((globalThis as Record<symbol, unknown>)[Symbol.for("baas.web.gatewayFastPath")]).toBe(first);
  });
});
