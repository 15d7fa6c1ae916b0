import { createHash } from "node:crypto";
import type { Admitted } from "./admission";
import type { Deps } from "./deps";

/**
 * Exact-match response cache, opt-in per tenant. The key hashes the provider and the whole
 * request (after any downgrade); the store namespaces it by tenant, so one tenant's answers can
 * never be served to another.
 */
export function cacheKey(adm: Admitted): string {
  return createHash("sha256").update(adm.input.provider).update("\u0000").update(JSON.stringify(adm.body)).digest("base64url");
}

export async function cachedResponse(d: Deps, adm: Admitted): Promise<unknown | null> {
  if (!adm.cfg.cacheEnabled) return null;
  const hit = await d.hot.cacheGet(adm.cfg.id, cacheKey(adm)).catch(() => null);
  return hit ? (JSON.parse(hit) as unknown) : null;
}

export function storeResponse(d: Deps, adm: Admitted, response: unknown): void {
  if (!adm.cfg.cacheEnabled) return;
  void d.hot.cacheSet(adm.cfg.id, cacheKey(adm), JSON.stringify(response), adm.cfg.cacheTtlSec * 1000).catch(() => undefined);
}
