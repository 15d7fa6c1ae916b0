import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { afterEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { AppError } from "@baas/db";
import { createTRPCContext } from "./context";
import { createTRPCRouter, publicProcedure } from "./trpc";

const leaky = "Invalid `prisma.tier.update()` invocation: value 99999999999 out of range for type integer";

const router = createTRPCRouter({
  crash: publicProcedure.query(() => {
    throw new Error(leaky);
  }),
  refuse: publicProcedure.query(() => {
    throw new AppError("CONFLICT", "Already archived");
  }),
  bounded: publicProcedure.input(z.object({ n: z.number().int().max(10) })).query(({ input }) => input.n),
  anything: publicProcedure.input(z.unknown()).query(() => "reached"),
});

async function call(path: string, input?: unknown) {
  const qs = input === undefined ? "" : `?input=${encodeURIComponent(JSON.stringify({ json: input }))}`;
  const res = await fetchRequestHandler({
    endpoint: "/api/trpc",
    req: new Request(`http://localhost/api/trpc/${path}${qs}`),
    router,
    createContext: () => createTRPCContext({ services: { db: {} } as never, headers: new Headers(), user: null }),
  });
  const body = (await res.json()) as { error?: { json: { message: string; data: { code: string } } } };
  return { status: res.status, message: body.error?.json.message ?? "", code: body.error?.json.data.code };
}

describe("error formatting", () => {
  afterEach(() => vi.restoreAllMocks());

  it("never sends an unexpected error's message; the log has it under the reference the client got", async () => {
    const logged: string[] = [];
    vi.spyOn(console, "error").mockImplementation((line: string) => void logged.push(line));
    const r = await call("crash");
    expect(r.status).toBe(500);
    expect(r.message).not.toContain("prisma");
    const ref = /^Internal error \(reference ([0-9a-f]{8})\)$/.exec(r.message)?.[1];
    expect(ref).toBeTruthy();
    const entry = logged.map((l) => JSON.parse(l) as Record<string, unknown>).find((l) => l.ref === ref);
    expect(entry).toMatchObject({ path: "crash", detail: leaky });
  });

  it("keeps domain errors and names the field of bad input", async () => {
    expect(await call("refuse")).toMatchObject({ status: 409, message: "Already archived", code: "CONFLICT" });
    const bad = await call("bounded", { n: 11 });
    expect(bad.status).toBe(400);
    expect(bad.message).toMatch(/^Invalid input: n: /);
  });

  it("refuses NUL characters and absurd nesting before any schema runs, naming where", async () => {
    expect(await call("anything", { a: ["ok", "x\u0000y"] })).toMatchObject({ status: 400, message: "Invalid input: a.1: contains characters that are not allowed (NUL, control or broken Unicode)" });
    expect((await call("anything", { name: "vm\u001b[31m" })).status).toBe(400);
    expect((await call("anything", { name: "\ud800abc" })).status).toBe(400);
    expect((await call("anything", { name: "Águia 🦅\tline\nnext" })).status).toBe(200);
    let deep: unknown = 1;
    for (let i = 0; i < 70; i++) deep = { d: deep };
    const r = await call("anything", deep);
    expect(r.status).toBe(400);
    expect(r.message).toContain("nested more than 64 levels deep");
    let ok: unknown = "fine";
    for (let i = 0; i < 30; i++) ok = { d: ok };
    expect((await call("anything", ok)).status).toBe(200);
  });
});
