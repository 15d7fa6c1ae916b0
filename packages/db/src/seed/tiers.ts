/**
 * The four plans of the user's planning document (seed 004, "Modelo de Negócio"): prices in
 * centavos of BRL, entitlements as columns the gateway enforces. Upserted by key, so the catalogue
 * follows this file; Stripe price ids set by the billing flow are left alone.
 */
import type { Db } from "../client";
import { seedId } from "./ids";

export const HAIKU_MODELS = ["claude-haiku-4-5", "claude-3-5-haiku"] as const;
export const SONNET_MODELS = ["claude-sonnet-4-5", "claude-sonnet-4"] as const;
export const OPUS_MODELS = ["claude-opus-4-5", "claude-opus-4-1", "claude-opus-4"] as const;

export interface TierSeed {
  key: "starter" | "pro" | "business" | "enterprise";
  name: string;
  priceMonthlyMinor: number;
  defaultModel: string;
  allowedModels: string[];
  creditModels: string[];
  monthlyMessages: number | null;
  maxGroups: number | null;
  maxAgents: number | null;
  branding: boolean;
  apiAccess: boolean;
  prioritySupport: boolean;
  sortOrder: number;
}

export const TIERS: readonly TierSeed[] = [
  {
    key: "starter", name: "Starter", priceMonthlyMinor: 0, defaultModel: "claude-haiku-4-5",
    allowedModels: [...HAIKU_MODELS], creditModels: [],
    monthlyMessages: 500, maxGroups: 1, maxAgents: 1,
    branding: true, apiAccess: false, prioritySupport: false, sortOrder: 0,
  },
  {
    key: "pro", name: "Pro", priceMonthlyMinor: 19_700, defaultModel: "claude-sonnet-4-5",
    allowedModels: [...HAIKU_MODELS, ...SONNET_MODELS], creditModels: [],
    monthlyMessages: 5_000, maxGroups: 10, maxAgents: 1,
    branding: false, apiAccess: false, prioritySupport: true, sortOrder: 1,
  },
  {
    key: "business", name: "Business", priceMonthlyMinor: 49_700, defaultModel: "claude-sonnet-4-5",
    allowedModels: [...HAIKU_MODELS, ...SONNET_MODELS], creditModels: [...OPUS_MODELS],
    monthlyMessages: 20_000, maxGroups: null, maxAgents: 5,
    branding: false, apiAccess: true, prioritySupport: true, sortOrder: 2,
  },
  {
    key: "enterprise", name: "Enterprise", priceMonthlyMinor: 199_700, defaultModel: "claude-opus-4-5",
    allowedModels: [...HAIKU_MODELS, ...SONNET_MODELS, ...OPUS_MODELS], creditModels: [],
    monthlyMessages: null, maxGroups: null, maxAgents: null,
    branding: false, apiAccess: true, prioritySupport: true, sortOrder: 3,
  },
];

/** Upserts the four tiers; returns their ids by key. */
export async function seedTiers(db: Db): Promise<Record<TierSeed["key"], string>> {
  const ids = {} as Record<TierSeed["key"], string>;
  for (const { key, ...fields } of TIERS) {
    const data = { ...fields, currency: "BRL" };
    const row = await db.tier.upsert({
      where: { key },
      create: { id: seedId("tier", key), key, ...data },
      update: data,
      select: { id: true },
    });
    ids[key] = row.id;
  }
  return ids;
}
