import { serverCaller } from "~/trpc/server";
import { PageHeader } from "~/components/ui/misc";

export const dynamic = "force-dynamic";

function describe(v: unknown): string {
  if (!v || typeof v !== "object") return "";
  const entries = Object.entries(v as Record<string, unknown>).filter(([k]) => !["id", "tenantId", "createdAt", "updatedAt"].includes(k));
  return entries.slice(0, 6).map(([k, x]) => `${k}: ${typeof x === "object" ? JSON.stringify(x) : String(x)}`).join(", ");
}

/** Who changed what (read-only, rendered on the server). */
export default async function AuditPage({ params }: { params: Promise<{ tenantId: string }> }) {
  const { tenantId } = await params;
  const rows = await (await serverCaller()).audit.list({ tenantId, take: 100 });
  return (
    <>
      <PageHeader title="Audit log" description="Every change to agents, groups, bindings, members and config, newest first." />
      <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
        <table className="min-w-full divide-y divide-slate-200 text-sm">
          <thead className="bg-slate-50 text-left text-slate-600">
            <tr><th scope="col" className="px-3 py-2">When</th><th scope="col" className="px-3 py-2">Who</th><th scope="col" className="px-3 py-2">What</th><th scope="col" className="px-3 py-2">Change</th></tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {rows.length === 0 ? <tr><td colSpan={4} className="px-3 py-6 text-center text-slate-500">Nothing yet.</td></tr> : null}
            {rows.map((r) => (
              <tr key={r.id}>
                <td className="whitespace-nowrap px-3 py-2 text-slate-500">{r.createdAt.toISOString().replace("T", " ").slice(0, 19)}</td>
                <td className="whitespace-nowrap px-3 py-2">{r.actor?.email ?? r.actorKind}</td>
                <td className="whitespace-nowrap px-3 py-2 font-mono text-xs">{r.action}</td>
                <td className="max-w-md px-3 py-2 text-xs text-slate-600">
                  {r.before ? <p className="truncate"><span className="text-slate-400">before </span>{describe(r.before)}</p> : null}
                  {r.after ? <p className="truncate"><span className="text-slate-400">after </span>{describe(r.after)}</p> : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
