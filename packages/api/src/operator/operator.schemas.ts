import { z } from "zod";

/** Input and output shapes of operator.* (platform operators only, above tenants). */

export const providerSchema = z.enum(["ANTHROPIC", "OPENAI"]);
export const kindSchema = z.enum(["MAX_SUBSCRIPTION", "API_KEY"]);
const priority = z.number().int().min(0, "priority must be 0 or more").max(1_000_000);
const credential = z.string().trim().min(8, "credential looks too short (at least 8 characters)").max(4096);

export const accountIdInput = z.object({ accountId: z.string().min(1) });

export const createAccountInput = z.object({
  name: z.string().trim().min(1, "name is required").max(80),
  provider: providerSchema,
  kind: kindSchema,
  credential,
  baseUrl: z.string().trim().url("baseUrl must be a URL like https://api.anthropic.com").optional().or(z.literal("").transform(() => undefined)),
  priority: priority.default(100),
});
export type CreateAccountInput = z.infer<typeof createAccountInput>;

export const setPriorityInput = accountIdInput.extend({ priority });
export const setEnabledInput = accountIdInput.extend({ enabled: z.boolean(), reason: z.string().trim().max(200).optional() });
export const replaceCredentialInput = accountIdInput.extend({ credential });
/** Turning a subscription on needs the operator to accept its terms, as shown in the dialog. */
export const setSubscriptionUseInput = z.discriminatedUnion("use", [
  accountIdInput.extend({ use: z.literal(true), acceptTerms: z.literal(true, "acceptTerms: read and accept the subscription terms first") }),
  accountIdInput.extend({ use: z.literal(false) }),
]);

/** What the operator UI sees of an account: never the ciphertext nor the plaintext. */
export const accountViewSchema = z.object({
  id: z.string(),
  name: z.string(),
  provider: providerSchema,
  kind: kindSchema,
  baseUrl: z.string().nullable(),
  priority: z.number().int(),
  status: z.enum(["ACTIVE", "DISABLED"]),
  disabledReason: z.string().nullable(),
  credentialHint: z.string(),
  window5hUtilization: z.number().nullable(),
  window5hResetAt: z.date().nullable(),
  window7dUtilization: z.number().nullable(),
  window7dResetAt: z.date().nullable(),
  calls24h: z.number().int(),
  /** Subscriptions: when an operator accepted the terms (null: the rotation skips the account). */
  subscriptionTermsAcceptedAt: z.date().nullable(),
  updatedAt: z.date(),
});
export type AccountView = z.infer<typeof accountViewSchema>;

// Bounds below the columns' 32-bit range: out-of-range input gets a sentence, never a database error.
const limit = z.number().int("must be a whole number").min(0, "must be 0 or more").max(1_000_000_000, "must be at most 1,000,000,000 (leave empty for unlimited)").nullable();

const tierFields = {
    priceMonthlyMinor: z
      .number()
      .int("priceMonthlyMinor must be a whole number of minor units")
      .min(0, "priceMonthlyMinor must be 0 or more")
      .max(100_000_000, "priceMonthlyMinor must be at most 100,000,000 minor units (1,000,000.00 a month)"),
    defaultModel: z.string().trim().min(1, "defaultModel is required").max(100, "defaultModel is at most 100 characters"),
    allowedModels: z.array(z.string().trim().min(1).max(100, "model ids are at most 100 characters")).min(1, "allowedModels needs at least one model").max(100, "allowedModels holds at most 100 models"),
    monthlyMessages: limit,
    maxGroups: limit,
    maxAgents: limit,
};

function defaultAllowed(v: { defaultModel: string; allowedModels: string[] }, ctx: z.RefinementCtx): void {
  if (!v.allowedModels.includes(v.defaultModel)) {
    ctx.addIssue({ code: "custom", path: ["defaultModel"], message: "defaultModel must be one of allowedModels" });
  }
}

export const updateTierInput = z.object({ tierId: z.string().min(1), ...tierFields }).superRefine(defaultAllowed);
export type UpdateTierInput = z.infer<typeof updateTierInput>;

export const createTierInput = z
  .object({
    key: z.string().trim().regex(/^[a-z][a-z0-9-]{1,31}$/, "key must be 2-32 lowercase letters, digits or dashes, starting with a letter"),
    name: z.string().trim().min(1, "name is required").max(60, "name must be at most 60 characters"),
    currency: z.string().trim().regex(/^[A-Z]{3}$/, "currency must be a 3-letter ISO code, e.g. BRL").default("BRL"),
    ...tierFields,
  })
  .superRefine(defaultAllowed);
export type CreateTierInput = z.infer<typeof createTierInput>;

export const tierViewSchema = z.object({
  id: z.string(),
  key: z.string(),
  name: z.string(),
  priceMonthlyMinor: z.number().int(),
  currency: z.string(),
  defaultModel: z.string(),
  allowedModels: z.array(z.string()),
  creditModels: z.array(z.string()),
  monthlyMessages: z.number().int().nullable(),
  maxGroups: z.number().int().nullable(),
  maxAgents: z.number().int().nullable(),
  branding: z.boolean(),
  apiAccess: z.boolean(),
  prioritySupport: z.boolean(),
  /** The Stripe Price new subscribers pay (null: free, or not synced to Stripe yet). */
  stripePriceId: z.string().nullable(),
  subscriptions: z.number().int(),
});
export type TierView = z.infer<typeof tierViewSchema>;
