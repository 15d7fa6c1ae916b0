import { runScheduledEvaluation } from "@baas/api";
import { env } from "~/env";
import { cronAuthorized } from "~/server/cron-auth";
import { getAlertNotifier, getServices } from "~/server/services";

export const dynamic = "force-dynamic";

/**
 * The scheduled evaluation (budget thresholds no call raised, error-rate and cost anomalies),
 * for a scheduler to call every few minutes with `Authorization: Bearer $CRON_SECRET`. GET for
 * schedulers that only send GET (Vercel Cron), POST for the rest. Idempotent: alerts are deduped.
 */
async function handle(req: Request): Promise<Response> {
  const secret = env().CRON_SECRET;
  if (!secret) return Response.json({ error: "CRON_SECRET is not set: the scheduled evaluation is off" }, { status: 503 });
  if (!cronAuthorized(req.headers.get("authorization"), secret)) return Response.json({ error: "Unauthorized" }, { status: 401 });
  const result = await runScheduledEvaluation(getServices().db, getAlertNotifier());
  if (result.failures.length) console.error(JSON.stringify({ level: "error", msg: "scheduled evaluation failures", failures: result.failures }));
  return Response.json({ ok: result.failures.length === 0, ...result, failures: result.failures.length });
}

export const GET = handle;
export const POST = handle;
