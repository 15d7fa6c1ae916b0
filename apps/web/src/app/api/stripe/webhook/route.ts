import { handleStripeWebhook } from "@baas/api";
import { getApiServices } from "~/server/services";

/** Stripe events are a few KB; anything far larger is not one. */
const MAX_BODY = 512 * 1024;

/**
 * Stripe's signed events. The signature covers the exact bytes sent, so the body is read raw and
 * handed over untouched; no session or same-origin check: the signature is the authentication.
 */
export async function POST(req: Request): Promise<Response> {
  if (Number(req.headers.get("content-length") ?? 0) > MAX_BODY) return Response.json({ received: false, error: "Body too large" }, { status: 413 });
  const raw = Buffer.from(await req.arrayBuffer());
  if (raw.length > MAX_BODY) return Response.json({ received: false, error: "Body too large" }, { status: 413 });
  const answer = await handleStripeWebhook(await getApiServices(), raw, req.headers.get("stripe-signature"));
  return Response.json(answer.body, { status: answer.status });
}

export const dynamic = "force-dynamic";
export const runtime = "nodejs";
