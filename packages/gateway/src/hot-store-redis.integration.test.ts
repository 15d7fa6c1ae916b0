import { randomUUID } from "node:crypto";
import { createRedisHotStore } from "./hot-store-redis";
import { hotStoreContract } from "./hot-store.contract";

// Each store gets its own namespace: clear() in a test only ever deletes this run's keys.
hotStoreContract("redis", () =>
  createRedisHotStore({ url: process.env.REDIS_URL ?? "redis://127.0.0.1:6379/0", prefix: `test:gw:${randomUUID()}:` }),
);
