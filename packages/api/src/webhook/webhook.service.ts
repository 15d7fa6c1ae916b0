import { randomBytes } from "node:crypto";
import { AppError, decryptSecret, encryptSecret } from "@baas/db";
import type { Actor, DbLike } from "../lib-app/db-like";

/** The tenant's webhook as an admin sees it: the URL, never the secret. */
export async function getWebhook(db: DbLike, actor: Actor) {
  const t = await db.tenant.findUniqueOrThrow({ where: { id: actor.tenantId }, select: { alertWebhookUrl: true } });
  return { url: t.alertWebhookUrl };
}

/** Sets the URL and a new signing secret, returned this once (only its ciphertext is kept). */
export async function setWebhook(db: DbLike, actor: Actor, url: string, key: Buffer | undefined) {
  if (!key) throw new AppError("PRECONDITION_FAILED", "Webhooks need BAAS_ENCRYPTION_KEY on the server to keep their secret");
  const secret = `whsec_${randomBytes(24).toString("base64url")}`;
  const before = await getWebhook(db, actor);
  await db.tenant.update({ where: { id: actor.tenantId }, data: { alertWebhookUrl: url, alertWebhookSecret: encryptSecret(secret, key) } });
  return { before, url, secret };
}

export async function clearWebhook(db: DbLike, actor: Actor) {
  const before = await getWebhook(db, actor);
  await db.tenant.update({ where: { id: actor.tenantId }, data: { alertWebhookUrl: null, alertWebhookSecret: null } });
  return before;
}

/** Where and with what to sign a tenant's alert deliveries; null when none is set. */
export async function webhookTarget(db: DbLike, tenantId: string, key: Buffer): Promise<{ url: string; secret: string } | null> {
  const t = await db.tenant.findUnique({ where: { id: tenantId }, select: { alertWebhookUrl: true, alertWebhookSecret: true } });
  if (!t?.alertWebhookUrl || !t.alertWebhookSecret) return null;
  return { url: t.alertWebhookUrl, secret: decryptSecret(t.alertWebhookSecret, key) };
}
