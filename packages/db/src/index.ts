export * from "./generated/prisma/client";
// Domain errors live in the shared protocol package (the plugin reads their codes too).
export { AppError, isAppError, type AppErrorCode } from "@baas/protocol";
export { encryptSecret, decryptSecret, parseEncryptionKey, secretHint } from "./secret-box";
export { createDb, getDb, type Db, type CreateDbOptions } from "./client";
export { rebuildUsageDaily, addUsageEventsToDaily, type DayRange } from "./usage-daily";
export { splitPoolLimit } from "./pool-limit";
