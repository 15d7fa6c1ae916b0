import { serverCaller } from "~/trpc/server";
import { PageHeader } from "~/components/ui/misc";

export const dynamic = "force-dynamic";

const HIDDEN = new Set(["id", "tenantId", "createdAt", "updatedAt"]);
const show = (x: unknown) => (x === null || x === undefined ? "—" : typeof x === "object" ? JSON.stringify(x) : String(x));

/** Only what changed: "name: Lobo → Lobo Mau"; creations and removals list their fields. */
function describe(before: unknown, after: unknown): string[] {
  const b = (before && typeof before === "object" ? before : {}) as Record<string, unknown>;
  const a = (after && typeof after === "object" ? after : {}) as Record<string, unknown>;
  const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])].filter((k) => !HIDDEN.has(k));
  if (!before || !after) return keys.slice(0, 6).map((k) => `${k}: ${show(a[k] ?? b[k])}`);
  return keys.filter((k) => JSON.stringify(b[k]) !== JSON.stringify(a[k])).map((k) => `${k}: ${show(b[k])} → ${show(a[k])}`);
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
                  {r.before && !r.after ? <span className="text-slate-400">removed </span> : null}
                  {describe(r.before, r.after).map((line) => <p key={line} className="truncate" title={line}>{line}</p>)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
