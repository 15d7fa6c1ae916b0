/**
 * Domain errors. Every layer below the transport throws these; the API turns them into tRPC/HTTP
 * errors in exactly one place (packages/api/src/trpc.ts).
 */
export type AppErrorCode =
  | "BAD_REQUEST"
  | "UNAUTHORIZED"
  | "FORBIDDEN"
  | "NOT_FOUND"
  | "CONFLICT"
  | "PRECONDITION_FAILED"
  | "RATE_LIMITED"
  | "BUDGET_EXCEEDED"
  | "UPSTREAM_UNAVAILABLE"
  /** A store of our own (Redis) is not answering: refused, never let through unchecked. */
  | "UNAVAILABLE"
  | "INTERNAL";

export class AppError extends Error {
  readonly code: AppErrorCode;
  /** Seconds after which a retry may succeed (RATE_LIMITED, UPSTREAM_UNAVAILABLE). */
  readonly retryAfterSec?: number;
  /** Extra machine-readable details safe to show to the caller (never secrets). */
  readonly details?: Record<string, unknown>;

  constructor(
    code: AppErrorCode,
    message: string,
    opts: { retryAfterSec?: number; details?: Record<string, unknown>; cause?: unknown } = {},
  ) {
    super(message, { cause: opts.cause });
    this.name = "AppError";
    this.code = code;
    this.retryAfterSec = opts.retryAfterSec;
    this.details = opts.details;
  }
}

export function isAppError(e: unknown): e is AppError {
  return e instanceof AppError;
}
