export * from "./generated/prisma/client";
export { AppError, isAppError, type AppErrorCode } from "./app-error";
export { encryptSecret, decryptSecret, parseEncryptionKey, secretHint } from "./secret-box";
export { createDb, getDb, type Db, type CreateDbOptions } from "./client";
export { rebuildUsageDaily, addUsageEventsToDaily, type DayRange } from "./usage-daily";
export { splitPoolLimit } from "./pool-limit";
