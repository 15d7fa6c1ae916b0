import NextAuth from "next-auth";
import { authOptions } from "~/server/auth/auth-options";
import { refuseMalformedAuthRequest } from "~/server/auth/auth-input";
import { checkSignIn } from "~/server/auth/rate-limit";
import { env } from "~/env";
import { clientIpOf } from "~/server/client-ip";
import { getHotStore } from "~/server/services";

type Ctx = { params: Promise<{ nextauth: string[] }> };

export async function GET(req: Request, ctx: Ctx) {
  return (await refuseMalformedAuthRequest(req)) ?? NextAuth(authOptions())(req, ctx);
}

/** Sign-in requests are rate limited per mailbox and per client address before next-auth sends anything. */
export async function POST(req: Request, ctx: Ctx) {
  const malformed = await refuseMalformedAuthRequest(req);
  if (malformed) return malformed;
  const { nextauth } = await ctx.params;
  if (nextauth[0] === "signin" && nextauth[1] === "email") {
    const form = await req.clone().formData().catch(() => null);
    const email = String(form?.get("email") ?? "");
    const wait = await checkSignIn(await getHotStore(), email, clientIpOf(req.headers));
    if (wait !== null) {
      const url = `${env().APP_URL}/signin?error=RateLimited&retryAfter=${wait}`;
      return Response.json({ url }, { status: 429, headers: { "retry-after": String(wait) } });
    }
  }
  return NextAuth(authOptions())(req, ctx);
}

export const dynamic = "force-dynamic";
