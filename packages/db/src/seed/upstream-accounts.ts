/**
 * The shared upstream pool of seed 004: two Claude Max subscriptions, then the paid API key as
 * the final fallback, all pointing at the local fake upstream in demo mode. Credentials are
 * demo strings the fake accepts; they are stored encrypted and never in clear.
 */
import type { Db } from "../client";
import type { UpstreamKind } from "../generated/prisma/enums";
import { decryptSecret, encryptSecret, secretHint } from "../secret-box";
import { seedId } from "./ids";

export interface UpstreamAccountSeed {
  name: string;
  kind: UpstreamKind;
  priority: number;
  credential: string;
}

export const UPSTREAM_ACCOUNTS: readonly UpstreamAccountSeed[] = [
  { name: "Max #1", kind: "MAX_SUBSCRIPTION", priority: 10, credential: "sk-ant-oat01-demo-max-1-0000000000000001" },
  { name: "Max #2", kind: "MAX_SUBSCRIPTION", priority: 20, credential: "sk-ant-oat01-demo-max-2-0000000000000002" },
  { name: "API paga", kind: "API_KEY", priority: 100, credential: "sk-ant-api03-demo-paid-key-000000000003" },
];

export interface SeedUpstreamOptions {
  encryptionKey: Buffer;
  /** Base URL of the Anthropic-compatible upstream, e.g. the fake LLM "http://127.0.0.1:4100". */
  upstreamBaseUrl: string;
}

function opensWith(ciphertext: string, key: Buffer): boolean {
  try {
    decryptSecret(ciphertext, key);
    return true;
  } catch {
    return false;
  }
}

/** Only URLs the demo itself manages (loopback) follow the current fake upstream. */
function isLoopback(url: string | null): boolean {
  if (!url) return true;
  try {
    return ["127.0.0.1", "localhost", "[::1]"].includes(new URL(url).hostname);
  } catch {
    return false;
  }
}

/**
 * Creates the three accounts, or brings existing ones up to date without undoing an operator's
 * edits: a loopback base URL follows the current fake upstream, and the demo credential is
 * re-encrypted only when the stored one no longer opens with the current key (a fresh IV each
 * time would otherwise rewrite it on every run).
 */
export async function seedUpstreamAccounts(db: Db, opts: SeedUpstreamOptions): Promise<Record<string, string>> {
  const ids: Record<string, string> = {};
  for (const a of UPSTREAM_ACCOUNTS) {
    const existing = await db.upstreamAccount.findUnique({ where: { name: a.name } });
    if (!existing) {
      const row = await db.upstreamAccount.create({
        data: {
          id: seedId("upstream", a.name),
          name: a.name,
          provider: "ANTHROPIC",
          kind: a.kind,
          priority: a.priority,
          baseUrl: opts.upstreamBaseUrl,
          credentialCiphertext: encryptSecret(a.credential, opts.encryptionKey),
          credentialHint: secretHint(a.credential),
          // Demo subscriptions are demo strings on the local fake: on from the start, recorded as
          // accepted by the seed. An existing account keeps whatever an operator chose.
          ...(a.kind === "MAX_SUBSCRIPTION" ? { subscriptionTermsAcceptedAt: new Date(), subscriptionTermsAcceptedBy: "seed" } : {}),
        },
      });
      ids[a.name] = row.id;
      continue;
    }
    ids[a.name] = existing.id;
    const update: { baseUrl?: string; credentialCiphertext?: string; credentialHint?: string } = {};
    if (existing.baseUrl !== opts.upstreamBaseUrl && isLoopback(existing.baseUrl)) update.baseUrl = opts.upstreamBaseUrl;
    if (!opensWith(existing.credentialCiphertext, opts.encryptionKey)) {
      update.credentialCiphertext = encryptSecret(a.credential, opts.encryptionKey);
      update.credentialHint = secretHint(a.credential);
    }
    if (Object.keys(update).length) await db.upstreamAccount.update({ where: { id: existing.id }, data: update });
  }
  return ids;
}
