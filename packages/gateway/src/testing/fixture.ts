import { createHash, randomBytes, randomUUID } from "node:crypto";
import { encryptSecret, secretHint, type Db } from "@baas/db";

export interface GatewayFixtureOptions {
  /** Base URL of the testkit fake LLM (startFakeLlm().url). */
  llmUrl: string;
  /** BAAS_ENCRYPTION_KEY, parsed. */
  encryptionKey: Buffer;
  currency?: string;
  timezone?: string;
  responseCache?: boolean;
}

export interface FixtureAccount {
  id: string;
  name: string;
  /** The plaintext credential: what the fake sees, for setFault/countFor. */
  credential: string;
}

export interface GatewayFixture {
  tenant: { id: string; slug: string };
  instance: { id: string };
  instanceKey: string;
  /** Engine option `accountNamePrefix`: restricts the pool to this fixture's accounts. */
  accountPrefix: string;
  accounts: { max1: FixtureAccount; max2: FixtureAccount; paid: FixtureAccount; openai: FixtureAccount };
}

/** Prices used by every fixture (USD per million tokens), close to the public list prices. */
export const FIXTURE_PRICES = [
  { provider: "ANTHROPIC", model: "claude-opus-4-1", family: "opus", input: 15, output: 75, cacheRead: 1.5, cacheWrite: 18.75 },
  { provider: "ANTHROPIC", model: "claude-sonnet-4-5", family: "sonnet", input: 3, output: 15, cacheRead: 0.3, cacheWrite: 3.75 },
  { provider: "ANTHROPIC", model: "claude-haiku-4-5", family: "haiku", input: 1, output: 5, cacheRead: 0.1, cacheWrite: 1.25 },
  { provider: "OPENAI", model: "gpt-4o-mini", family: "gpt", input: 0.15, output: 0.6, cacheRead: 0.075, cacheWrite: 0 },
  { provider: "OPENAI", model: "whisper-1", family: "whisper", input: 0, output: 0, cacheRead: 0, cacheWrite: 0, audioPerMinute: 0.006 },
] as const;

export async function ensureFixturePrices(db: Db): Promise<void> {
  const effectiveFrom = new Date("2024-01-01T00:00:00Z");
  for (const p of FIXTURE_PRICES) {
    await db.modelPrice
      .upsert({
        where: { provider_model_effectiveFrom: { provider: p.provider, model: p.model, effectiveFrom } },
        create: {
          provider: p.provider,
          model: p.model,
          displayName: p.model,
          family: p.family,
          inputPerMTok: p.input,
          outputPerMTok: p.output,
          cacheReadPerMTok: p.cacheRead,
          cacheWritePerMTok: p.cacheWrite,
          audioPerMinute: "audioPerMinute" in p ? p.audioPerMinute : null,
          effectiveFrom,
        },
        update: {},
      })
      .catch(() => undefined); // another test file created it at the same moment
  }
}

/**
 * A tenant with one instance (key stored as sha256, like the real thing), four upstream accounts
 * pointing at the fake LLM (Max #1, Max #2, paid Anthropic key, OpenAI key), and the price table.
 * Everything is uniquely named, so test files can share one database.
 */
export async function createGatewayFixture(db: Db, opts: GatewayFixtureOptions): Promise<GatewayFixture> {
  const tag = randomUUID().slice(0, 8);
  await ensureFixturePrices(db);
  const tenant = await db.tenant.create({
    data: {
      slug: `gw-${tag}`,
      name: `Gateway test ${tag}`,
      currency: opts.currency ?? "BRL",
      timezone: opts.timezone ?? "America/Sao_Paulo",
      responseCacheEnabled: opts.responseCache ?? false,
    },
  });
  const instanceKey = `baas_inst_${randomBytes(24).toString("base64url")}`;
  const instance = await db.instance.create({
    data: {
      tenantId: tenant.id,
      name: `instance ${tag}`,
      keyHash: createHash("sha256").update(instanceKey).digest("hex"),
      keyPrefix: instanceKey.slice(0, 14),
    },
  });
  const accountPrefix = `[${tag}] `;
  const make = async (name: string, provider: "ANTHROPIC" | "OPENAI", kind: "MAX_SUBSCRIPTION" | "API_KEY", priority: number, credential: string, baseUrl: string) => {
    const row = await db.upstreamAccount.create({
      data: {
        name: accountPrefix + name,
        provider,
        kind,
        priority,
        baseUrl,
        credentialCiphertext: encryptSecret(credential, opts.encryptionKey),
        credentialHint: secretHint(credential),
        // The fixture plays an operator who accepted the subscription terms for its Max accounts.
        ...(kind === "MAX_SUBSCRIPTION" ? { subscriptionTermsAcceptedAt: new Date(), subscriptionTermsAcceptedBy: "fixture" } : {}),
      },
    });
    return { id: row.id, name: row.name, credential };
  };
  const accounts = {
    max1: await make("Max #1", "ANTHROPIC", "MAX_SUBSCRIPTION", 1, `sk-ant-oat01-max1-${tag}`, opts.llmUrl),
    max2: await make("Max #2", "ANTHROPIC", "MAX_SUBSCRIPTION", 2, `sk-ant-oat01-max2-${tag}`, opts.llmUrl),
    paid: await make("API key", "ANTHROPIC", "API_KEY", 3, `sk-ant-api03-paid-${tag}`, opts.llmUrl),
    openai: await make("OpenAI key", "OPENAI", "API_KEY", 4, `sk-proj-openai-${tag}`, `${opts.llmUrl}/v1`),
  };
  return { tenant: { id: tenant.id, slug: tenant.slug }, instance: { id: instance.id }, instanceKey, accountPrefix, accounts };
}
