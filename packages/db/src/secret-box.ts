/**
 * AES-256-GCM for credentials at rest (upstream account tokens and keys). The key comes from the
 * environment (BAAS_ENCRYPTION_KEY, 32 bytes, base64); ciphertexts are "v1:<iv>:<tag>:<data>".
 */
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { AppError } from "@baas/protocol";

export function parseEncryptionKey(encoded: string): Buffer {
  const key = Buffer.from(encoded, "base64");
  if (key.length !== 32) {
    throw new AppError("BAD_REQUEST", "BAAS_ENCRYPTION_KEY must be 32 bytes encoded in base64 (openssl rand -base64 32)");
  }
  return key;
}

export function encryptSecret(plaintext: string, key: Buffer): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  const data = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return ["v1", iv.toString("base64url"), cipher.getAuthTag().toString("base64url"), data.toString("base64url")].join(":");
}

export function decryptSecret(ciphertext: string, key: Buffer): string {
  const [version, iv, tag, data] = ciphertext.split(":");
  if (version !== "v1" || !iv || !tag || data === undefined) {
    throw new AppError("INTERNAL", "Unreadable credential ciphertext");
  }
  const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(iv, "base64url"));
  decipher.setAuthTag(Buffer.from(tag, "base64url"));
  return Buffer.concat([decipher.update(Buffer.from(data, "base64url")), decipher.final()]).toString("utf8");
}

/** Last four characters, for showing which credential is which without revealing it. */
export function secretHint(secret: string): string {
  return `…${secret.slice(-4)}`;
}
