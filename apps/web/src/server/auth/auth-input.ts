/**
 * The auth routes' parameters (email, token, csrfToken, callbackUrl…) are short printable text.
 * Anything else is refused here with a 400 naming the field, before next-auth hands it to its
 * adapter: a NUL or a lone surrogate used to reach PostgreSQL and come back as a 500.
 */
import { normalizeEmail } from "./normalize-email";

const MAX_FIELD = 2_048;

/** next-auth throws (500) on a callback URL that is neither a path nor an http(s) URL. */
function isCallbackUrl(value: string): boolean {
  if (!value) return true; // absent, as far as next-auth is concerned
  if (value.startsWith("/")) return !value.startsWith("//") && !value.startsWith("/\\");
  return URL.canParse(value) && ["http:", "https:"].includes(new URL(value).protocol);
}

function problemWith(name: string, value: string): string | null {
  if (value.length > MAX_FIELD) return `${name}: longer than ${MAX_FIELD} characters`;
  if (name === "callbackUrl" && !isCallbackUrl(value)) return "callbackUrl: must be a path or an http(s) URL";
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
  if (/[\u0000-\u001f\u007f]/.test(value)) return `${name}: contains control characters`;
  // In a u-regex a paired surrogate is one code point: \p{Cs} matches only lone halves.
  if (/\p{Cs}/u.test(value)) return `${name}: is not well-formed text`;
  return null;
}

async function fieldsOf(req: Request): Promise<[string, string][]> {
  const fields: [string, string][] = [...new URL(req.url).searchParams.entries()];
  const type = req.headers.get("content-type") ?? "";
  if (req.method === "POST" && type.includes("application/x-www-form-urlencoded")) {
    const form = await req.clone().formData().catch(() => null);
    for (const [k, v] of form?.entries() ?? []) fields.push([k, typeof v === "string" ? v : "(file)"]);
  }
  return fields;
}

/** A 400 answer for a malformed auth request, or null when it may go on to next-auth. */
export async function refuseMalformedAuthRequest(req: Request): Promise<Response | null> {
  for (const [name, value] of await fieldsOf(req)) {
    const problem = problemWith(name.slice(0, 40), value);
    if (problem) return Response.json({ error: `Invalid request: ${problem}` }, { status: 400 });
  }
  // A magic link names its mailbox; one that is no address cannot be a link we sent (next-auth
  // would throw on it and answer 500 "server configuration").
  const url = new URL(req.url);
  if (url.pathname.endsWith("/callback/email") && normalizeEmail(url.searchParams.get("email") ?? "") === null) {
    return Response.json({ error: "Invalid request: email: this sign-in link is not valid" }, { status: 400 });
  }
  return null;
}
