/**
 * The one place that defines how every procedure runs: context, error formatting (domain
 * AppErrors become tRPC errors here and nowhere else) and the procedure builders.
 */
import { createHash, randomUUID } from "node:crypto";
import { initTRPC, TRPCError, type TRPC_ERROR_CODE_KEY } from "@trpc/server";
import superjson from "superjson";
import { z } from "zod";
import { AppError, isAppError, type AppErrorCode, type Role } from "@baas/db";
import type { Context } from "./context";

const codeMap: Record<AppErrorCode, TRPC_ERROR_CODE_KEY> = {
  BAD_REQUEST: "BAD_REQUEST",
  UNAUTHORIZED: "UNAUTHORIZED",
  FORBIDDEN: "FORBIDDEN",
  NOT_FOUND: "NOT_FOUND",
  CONFLICT: "CONFLICT",
  PRECONDITION_FAILED: "PRECONDITION_FAILED",
  RATE_LIMITED: "TOO_MANY_REQUESTS",
  BUDGET_EXCEEDED: "PAYMENT_REQUIRED",
  UPSTREAM_UNAVAILABLE: "SERVICE_UNAVAILABLE",
  UNAVAILABLE: "SERVICE_UNAVAILABLE",
  INTERNAL: "INTERNAL_SERVER_ERROR",
};

export function toTRPCError(e: unknown): TRPCError {
  if (e instanceof TRPCError) return e;
  if (isAppError(e)) return new TRPCError({ code: codeMap[e.code], message: e.message, cause: e });
  return new TRPCError({ code: "INTERNAL_SERVER_ERROR", message: "Internal error", cause: e });
}

interface Issue {
  path: PropertyKey[];
  message: string;
}

function issuesOf(cause: unknown): Issue[] | null {
  if (cause instanceof z.ZodError) return cause.issues;
  const issues = (cause as { issues?: unknown } | undefined)?.issues;
  return Array.isArray(issues) ? (issues as Issue[]) : null;
}

function describeIssues(issues: Issue[]): string {
  return issues
    .slice(0, 5)
    .map((i) => `${i.path.map(String).join(".") || "input"}: ${i.message}`)
    .join("; ");
}

/**
 * An error we did not raise on purpose (a Prisma or V8 message) says how the server is built and
 * may echo input: the caller gets a reference, the server log gets the details under it.
 */
function internalMessage(error: TRPCError, path: string | undefined): string {
  const ref = randomUUID().slice(0, 8);
  const cause = error.cause ?? error;
  const prismaCode = (cause as { code?: unknown }).code;
  console.error(
    JSON.stringify({
      level: "error",
      msg: "internal error",
      ref,
      path: path ?? null,
      name: cause.name,
      code: typeof prismaCode === "string" ? prismaCode : null,
      detail: cause.message.slice(0, 500),
    }),
  );
  return `Internal error (reference ${ref})`;
}

const t = initTRPC.context<Context>().create({
  transformer: superjson,
  errorFormatter({ shape, error, path }) {
    const issues = error.code === "BAD_REQUEST" ? issuesOf(error.cause) : null;
    const app = isAppError(error.cause) ? error.cause : null;
    const internal = error.code === "INTERNAL_SERVER_ERROR" && !app;
    const message = internal ? internalMessage(error, path) : issues ? `Invalid input: ${describeIssues(issues)}` : shape.message;
    return {
      ...shape,
      // Name the offending field in the message itself: callers log messages, not data.
      message,
      data: {
        ...shape.data,
        stack: undefined,
        // Pages show their own translated sentence with this reference instead of the English message.
        errorRef: internal ? (/reference (\w+)/.exec(message)?.[1] ?? null) : null,
        appCode: app?.code ?? null,
        retryAfterSec: app?.retryAfterSec ?? null,
        details: app?.details ?? null,
        fieldErrors: issues?.map((i) => ({ path: i.path.map(String).join("."), message: i.message })) ?? null,
      },
    };
  },
});

export const createTRPCRouter = t.router;
export const createCallerFactory = t.createCallerFactory;
export const mergeRouters = t.mergeRouters;

/** Turns thrown AppErrors into tRPC errors, for every procedure. */
const domainErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok) {
    const cause = result.error.cause;
    if (isAppError(cause)) throw toTRPCError(cause);
  }
  return result;
});

/** Deeper than any real input (a tool's JSON schema is ~10 levels); checked without recursion limits of its own. */
const MAX_INPUT_DEPTH = 64;

// NUL (PostgreSQL refuses it in text) and lone surrogate halves (not text at all) are refused
// everywhere. Other control characters too, except in model calls, whose messages are the
// user's own text and may carry anything printable a terminal would.
// eslint-disable-next-line no-control-regex -- NUL is exactly what is refused
const NEVER = /\u0000|\p{Cs}/u;
// eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]|\p{Cs}/u;

/**
 * What no schema should have to think about: characters that cannot be stored or shown, and
 * nesting deep enough to exhaust a recursive validator. Names the first offending path.
 */
function hostileInput(value: unknown, path: string, depth: number, refused: RegExp): string | null {
  if (typeof value === "string") return refused.test(value) ? `${path}: contains characters that are not allowed (NUL, control or broken Unicode)` : null;
  if (value === null || typeof value !== "object" || value instanceof Date) return null;
  if (depth >= MAX_INPUT_DEPTH) return `${path}: nested more than ${MAX_INPUT_DEPTH} levels deep`;
  const entries = Array.isArray(value) ? value.entries() : Object.entries(value as Record<string, unknown>).values();
  for (const [k, v] of entries) {
    if (typeof k === "string" && refused.test(k)) return `${path}: a key contains characters that are not allowed`;
    const found = hostileInput(v, `${path}.${String(k)}`, depth + 1, refused);
    if (found) return found;
  }
  return null;
}

/** Refuses hostile input (see hostileInput) before any procedure's own parsing runs. */
const inputGuard = t.middleware(async ({ getRawInput, path, next }) => {
  const problem = hostileInput(await getRawInput(), "input", 0, path.startsWith("gateway.") ? NEVER : CONTROL);
  if (problem) throw new TRPCError({ code: "BAD_REQUEST", message: `Invalid input: ${problem.replace(/^input\.?/, "") || "input"}` });
  return next();
});

export const publicProcedure = t.procedure.use(inputGuard).use(domainErrors);

export const protectedProcedure = publicProcedure.use(({ ctx, next }) => {
  if (!ctx.user) throw new TRPCError({ code: "UNAUTHORIZED", message: "Sign in first" });
  return next({ ctx: { ...ctx, user: ctx.user } });
});

export const operatorProcedure = protectedProcedure.use(({ ctx, next }) => {
  if (ctx.user.platformRole !== "OPERATOR") {
    throw new TRPCError({ code: "FORBIDDEN", message: "Platform operators only" });
  }
  return next();
});

const roleRank: Record<Role, number> = { VIEWER: 0, MEMBER: 1, ADMIN: 2, OWNER: 3 };

export function hasRole(role: Role, atLeast: Role): boolean {
  return roleRank[role] >= roleRank[atLeast];
}

/**
 * Tenant-scoped procedures take `tenantId` in their input and run only for members of that tenant
 * holding at least `minRole`. Platform operators may act in every tenant as OWNER.
 */
export function tenantProcedure(minRole: Role = "VIEWER") {
  return protectedProcedure.input(z.object({ tenantId: z.string().min(1) })).use(async ({ ctx, input, next }) => {
    const membership = await ctx.db.membership.findUnique({
      where: { tenantId_userId: { tenantId: input.tenantId, userId: ctx.user.id } },
      select: { role: true },
    });
    const role: Role | null = membership?.role ?? (ctx.user.platformRole === "OPERATOR" ? "OWNER" : null);
    // Not a member and not allowed look the same from outside: no tenant ids are confirmed.
    if (!role) throw new TRPCError({ code: "NOT_FOUND", message: "Tenant not found" });
    if (!hasRole(role, minRole)) {
      throw new TRPCError({ code: "FORBIDDEN", message: `This needs the ${minRole.toLowerCase()} role or higher` });
    }
    return next({ ctx: { ...ctx, tenant: { tenantId: input.tenantId, role, viaOperator: !membership } } });
  });
}

export function hashInstanceKey(key: string): string {
  return createHash("sha256").update(key).digest("hex");
}

export interface InstanceIdentity {
  instanceId: string;
  tenantId: string;
}

// No cache: a revoked key must stop working at once in every process, and a cache no other
// process can invalidate cannot promise that. The lookup is one unique-index read.
async function resolveInstance(ctx: Context, key: string): Promise<InstanceIdentity | null> {
  if (key.length > 200) return null;
  const row = await ctx.db.instance.findUnique({
    where: { keyHash: hashInstanceKey(key) },
    select: { id: true, tenantId: true, revokedAt: true },
  });
  return row && !row.revokedAt ? { instanceId: row.id, tenantId: row.tenantId } : null;
}

/** Machine-to-machine procedures for the Clawdbot plugin, authenticated by the instance key. */
export const instanceProcedure = publicProcedure.use(async ({ ctx, next }) => {
  const header = ctx.headers.get("authorization") ?? "";
  const key = header.startsWith("Bearer ") ? header.slice(7).trim() : "";
  if (!key) throw new TRPCError({ code: "UNAUTHORIZED", message: "Missing instance key (Authorization: Bearer <key>)" });
  const instance = await resolveInstance(ctx, key);
  if (!instance) throw new TRPCError({ code: "UNAUTHORIZED", message: "Unknown or revoked instance key" });
  return next({ ctx: { ...ctx, instance } });
});

export { AppError };
