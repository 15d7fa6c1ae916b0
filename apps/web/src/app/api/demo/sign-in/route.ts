import { randomBytes } from "node:crypto";
import { env } from "~/env";
import { demoDoorOpen, isSameOrigin } from "~/server/request-guards";
import { getServices } from "~/server/services";

/**
 * Demo mode only: one click creates a real database session for the demo tenant's owner.
 * Outside demo mode, from another machine or from another site's page, this route does not exist (404).
 */
export async function POST(req: Request) {
  if (!demoDoorOpen(req.headers) || !isSameOrigin(req.headers)) return new Response("Not found", { status: 404 });
  const { db } = getServices();
  const owner = await db.membership.findFirst({
    where: { role: "OWNER", tenant: { slug: env().BAAS_DEMO_TENANT_SLUG } },
    orderBy: { createdAt: "asc" },
    select: { userId: true, tenantId: true },
  });
  if (!owner) return new Response("The demo tenant is not seeded", { status: 404 });
  const sessionToken = randomBytes(32).toString("hex");
  const expires = new Date(Date.now() + 24 * 3600_000);
  await db.session.create({ data: { sessionToken, userId: owner.userId, expires } });
  const secure = env().APP_URL.startsWith("https://");
  const name = secure ? "__Secure-next-auth.session-token" : "next-auth.session-token";
  const cookie = `${name}=${sessionToken}; Path=/; HttpOnly; SameSite=Lax; Expires=${expires.toUTCString()}${secure ? "; Secure" : ""}`;
  return new Response(null, { status: 303, headers: { location: `/t/${owner.tenantId}`, "set-cookie": cookie } });
}

export function GET() {
  return new Response("Not found", { status: 404 });
}

export const dynamic = "force-dynamic";
