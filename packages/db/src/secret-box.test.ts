import { describe, expect, it } from "vitest";
import { decryptSecret, encryptSecret, parseEncryptionKey, secretHint } from "./secret-box";

const key = parseEncryptionKey(Buffer.alloc(32, 1).toString("base64"));

describe("secret box", () => {
  it("round-trips a credential without the plaintext appearing in the ciphertext", () => {
    const secret = "sk-ant-oat01-very-secret-token";
    const sealed = encryptSecret(secret, key);
    expect(sealed).not.toContain("very-secret");
    expect(sealed.startsWith("v1:")).toBe(true);
    expect(decryptSecret(sealed, key)).toBe(secret);
  });

  it("uses a fresh IV every time", () => {
    expect(encryptSecret("same", key)).not.toBe(encryptSecret("same", key));
  });

  it("refuses a tampered ciphertext or the wrong key", () => {
    const sealed = encryptSecret("secret", key);
    const parts = sealed.split(":");
    const flipped = [parts[0], parts[1], parts[2], Buffer.from("xxxxxx").toString("base64url")].join(":");
    expect(() => decryptSecret(flipped, key)).toThrow();
    const other = parseEncryptionKey(Buffer.alloc(32, 2).toString("base64"));
    expect(() => decryptSecret(sealed, other)).toThrow();
  });

  it("rejects keys that are not 32 bytes with a message saying how to make one", () => {
    expect(() => parseEncryptionKey("c2hvcnQ=")).toThrow(/32 bytes/);
  });

  it("hints only the last four characters", () => {
    expect(secretHint("sk-ant-api03-abcdWXYZ")).toBe("…WXYZ");
  });
});
