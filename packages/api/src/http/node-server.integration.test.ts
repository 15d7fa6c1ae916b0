import { createTRPCClient, httpLink } from "@trpc/client";
import superjson from "superjson";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@baas/db";
import type { AppRouter } from "../root";
import { startApiServer, type ApiServer } from "./node-server";

let server: ApiServer;

beforeAll(async () => {
  server = await startApiServer({ services: { db: getDb(process.env.DATABASE_URL!) } });
});
afterAll(() => server.close());

describe("API over HTTP", () => {
  it("answers a tRPC call through the real client", async () => {
    const client = createTRPCClient<AppRouter>({ links: [httpLink({ url: server.trpcUrl, transformer: superjson })] });
    const pong = await client.health.ping.query();
    expect(pong.ok).toBe(true);
    expect(pong.at).toBeInstanceOf(Date);
  });

  it("answers 404 for a procedure that does not exist", async () => {
    const res = await fetch(`${server.trpcUrl}/nope.nothing`);
    expect(res.status).toBe(404);
  });
});
