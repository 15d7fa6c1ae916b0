export { createGatewayEngine, type GatewayEngine, type GatewayEngineConfig } from "./engine";
export { createRedisHotStore, type RedisHotStoreOptions } from "./hot-store-redis";
export { createMemoryHotStore } from "./hot-store-memory";
export type { HotStore, Amounts, Limits, CounterState, RateEntry } from "./hot-store";
export { createLogNotifier } from "./notifier";
export { urlFxSource, type FxOptions } from "./fx";
export { periodOf, localDay, type Period, type PeriodKind } from "./periods";
export type * from "./types";
