import type { Db, Role } from "@baas/db";
import type { GatewayEngine } from "@baas/gateway";
import type { BillingServices } from "./billing/billing-services";
import type { InvitationMailer } from "./invitation/invitation-mailer";

/**
 * Long-lived services the procedures use, built once per process by the host (apps/web or a
 * test) and handed to every request's context. Other domains add their services here.
 */
export interface ApiServices {
  db: Db;
  /** The model-call gateway engine (optional so hosts and tests that do not proxy calls can omit it). */
  gateway?: GatewayEngine;
  /** Sends invitation emails (apps/web: Resend + magic link); absent = invitations disabled. */
  invitationMailer?: InvitationMailer;
  /** Key for credentials operators store (BAAS_ENCRYPTION_KEY); absent = operators cannot store credentials. */
  encryptionKey?: Buffer;
  /** Alert webhooks may target loopback over http (demo mode and tests only). */
  webhookAllowLoopback?: boolean;
  /** Stripe client, webhook secret and mail for billing; absent = billing not configured. */
  billing?: BillingServices;
  /** What "now" is for edit sessions of config changes (tests move it; absent = the wall clock). */
  clock?: () => Date;
}

/** The signed-in person, as resolved by the host's auth (next-auth in apps/web). */
export interface SessionUser {
  id: string;
  email: string;
  name?: string | null;
  platformRole: "NONE" | "OPERATOR";
  /** Language the person chose (pt-BR or en); null = not chosen. */
  locale?: string | null;
}

export interface CreateContextOptions {
  services: ApiServices;
  headers: Headers;
  /** Resolved by the host before the call; null when nobody is signed in. */
  user: SessionUser | null;
}

export function createTRPCContext(opts: CreateContextOptions) {
  return {
    ...opts.services,
    services: opts.services,
    headers: opts.headers,
    user: opts.user,
  };
}

export type Context = ReturnType<typeof createTRPCContext>;

export interface TenantScope {
  tenantId: string;
  role: Role;
}
