/**
 * The one email normalisation: next-auth signs in with it (normalizeIdentifier) and the sign-in
 * limit counts with it, so every spelling of one mailbox (Unicode compatibility forms, case,
 * whitespace, text after a comma in the domain) hits the same limit. Stricter than next-auth's
 * default: control characters and over-long addresses are refused outright.
 */
export const EMAIL_MAX = 254;

export function normalizeEmail(raw: string): string | null {
  const email = raw.normalize("NFKC").trim();
  // eslint-disable-next-line no-control-regex
  if (email.length > EMAIL_MAX || /[\u0000-\u001f\u007f"]/.test(email)) return null;
  if ((email.match(/@/g) ?? []).length !== 1) return null;
  const [local, rawDomain] = email.toLowerCase().split("@") as [string, string];
  const domain = rawDomain.split(",")[0]!;
  if (!local || !domain.includes(".")) return null;
  return `${local}@${domain}`;
}

/** For next-auth, which expects a throw on a bad address. */
export function normalizeIdentifier(raw: string): string {
  const email = normalizeEmail(raw);
  if (!email) throw new Error("Invalid email address format.");
  return email;
}
