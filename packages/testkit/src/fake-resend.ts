import { randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { bearerToken, listen, readBody, sendJson } from "./http-util";
import { isRecord } from "./reply-text";

export interface SentEmail {
  id: string;
  from: string;
  to: string[];
  subject: string;
  html?: string;
  text?: string;
  cc?: string[];
  bcc?: string[];
  reply_to?: string[];
  headers?: Record<string, string>;
  tags?: Array<{ name: string; value: string }>;
  scheduled_at?: string;
  /** The API key the sender used (tests can check which tenant/config sent it). */
  apiKey: string;
  created_at: string;
}

export interface FakeResendOptions {
  port?: number;
  /** Loopback only; default 127.0.0.1. */
  host?: string;
}

export interface FakeResend {
  /** Point the SDK here: `RESEND_BASE_URL=<url>` or `new Resend(key, { baseUrl: url })`. */
  url: string;
  host: string;
  port: number;
  readonly emails: SentEmail[];
  /** Latest email to `to` already received, else the next one; rejects after timeoutMs (5 s). */
  waitForEmail(to: string, timeoutMs?: number): Promise<SentEmail>;
  clear(): void;
  close(): Promise<void>;
}

interface Waiter {
  to: string;
  resolve(email: SentEmail): void;
}

/** Resend's error body; `statusCode`/`name`/`message` are what the SDK hands back as `error`. */
const resendError = (statusCode: number, name: string, message: string) => ({ statusCode, name, message });

const asList = (v: unknown): string[] | undefined =>
  typeof v === "string" ? [v] : Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : undefined;

/** Returns the stored email, or the validation message Resend would answer 422 with. */
function toEmail(body: unknown, apiKey: string): SentEmail | string {
  if (!isRecord(body)) return "Invalid request body.";
  for (const field of ["from", "to", "subject"] as const) {
    const v = body[field];
    if (v === undefined || v === null || v === "" || (Array.isArray(v) && v.length === 0)) return `Missing \`${field}\` field.`;
  }
  const opt = <T>(v: T | undefined | null): T | undefined => (v === null ? undefined : v);
  return {
    id: randomUUID(),
    from: String(body.from),
    to: asList(body.to) ?? [],
    subject: String(body.subject),
    html: opt(body.html as string | undefined),
    text: opt(body.text as string | undefined),
    cc: asList(body.cc),
    bcc: asList(body.bcc),
    reply_to: asList(body.reply_to),
    headers: isRecord(body.headers) ? (body.headers as Record<string, string>) : undefined,
    tags: Array.isArray(body.tags) ? (body.tags as SentEmail["tags"]) : undefined,
    scheduled_at: typeof body.scheduled_at === "string" ? body.scheduled_at : undefined,
    apiKey,
    created_at: new Date().toISOString(),
  };
}

function parse(raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    return undefined;
  }
}

/** Validates everything first so a batch is all-or-nothing, like Resend's strict mode. */
function acceptAll(emails: SentEmail[], bodies: unknown[], apiKey: string): string | undefined {
  const parsed = bodies.map((b) => toEmail(b, apiKey));
  const bad = parsed.findIndex((e) => typeof e === "string");
  if (bad !== -1) return bodies.length > 1 ? `emails[${bad}]: ${String(parsed[bad])}` : String(parsed[bad]);
  emails.push(...(parsed as SentEmail[]));
  return undefined;
}

async function handle(emails: SentEmail[], onSent: () => void, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const path = (req.url ?? "/").split("?")[0] ?? "/";
  const raw = await readBody(req);
  const apiKey = bearerToken(req);
  if (!apiKey) {
    return sendJson(res, 401, resendError(401, "missing_api_key", "Missing API key in the authorization header. Include the following header in the request: Authorization: Bearer YOUR_API_KEY"));
  }
  const getMatch = req.method === "GET" ? /^\/emails\/([^/]+)$/.exec(path) : null;
  if (getMatch) {
    const email = emails.find((e) => e.id === getMatch[1]);
    if (!email) return sendJson(res, 404, resendError(404, "not_found", "Email not found"));
    return sendJson(res, 200, { object: "email", ...email, apiKey: undefined, last_event: "delivered" });
  }
  if (req.method !== "POST" || (path !== "/emails" && path !== "/emails/batch")) {
    return sendJson(res, 404, resendError(404, "not_found", "The requested endpoint does not exist."));
  }
  const body = parse(raw);
  const batch = path === "/emails/batch";
  if (batch && !Array.isArray(body)) return sendJson(res, 422, resendError(422, "validation_error", "Expected an array of emails."));
  const before = emails.length;
  const error = acceptAll(emails, batch ? (body as unknown[]) : [body], apiKey);
  if (error) return sendJson(res, 422, resendError(422, error.includes("Missing") ? "missing_required_field" : "validation_error", error));
  const ids = emails.slice(before).map((e) => ({ id: e.id }));
  onSent();
  return sendJson(res, 200, batch ? { data: ids } : ids[0]);
}

/** Loopback Resend API (`POST /emails`, `/emails/batch`, `GET /emails/:id`) that keeps every email. */
export async function startFakeResend(opts: FakeResendOptions = {}): Promise<FakeResend> {
  const emails: SentEmail[] = [];
  let waiters: Waiter[] = [];
  const matches = (e: SentEmail, to: string) => e.to.some((addr) => addr.toLowerCase().includes(to.toLowerCase()));
  const notify = () => {
    waiters = waiters.filter((w) => {
      const hit = emails.findLast((e) => matches(e, w.to));
      if (hit) w.resolve(hit);
      return !hit;
    });
  };
  const server = await listen((req, res) => handle(emails, notify, req, res), opts.port ?? 0, opts.host ?? "127.0.0.1");
  const waitForEmail = (to: string, timeoutMs = 5_000) =>
    new Promise<SentEmail>((resolve, reject) => {
      const existing = emails.findLast((e) => matches(e, to));
      if (existing) return resolve(existing);
      const timer = setTimeout(() => {
        waiters = waiters.filter((w) => w !== waiter);
        reject(new Error(`no email to ${to} within ${timeoutMs} ms (got ${emails.length} other emails)`));
      }, timeoutMs);
      const waiter: Waiter = { to, resolve: (e) => (clearTimeout(timer), resolve(e)) };
      waiters.push(waiter);
    });
  return {
    url: server.url,
    host: server.host,
    port: server.port,
    emails,
    waitForEmail,
    clear: () => void (emails.length = 0),
    close: () => server.close(),
  };
}
