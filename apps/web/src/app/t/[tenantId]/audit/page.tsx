import { getFormatter, getTranslations } from "next-intl/server";
import { serverCaller } from "~/trpc/server";
import { PageHeader } from "~/components/ui/misc";

export const dynamic = "force-dynamic";

const HIDDEN = new Set(["id", "tenantId", "createdAt", "updatedAt"]);
// Ids (cuids, WhatsApp jids) mean nothing to the reader: the row's own labels name the thing.
const hidden = (k: string) => HIDDEN.has(k) || /Id$|Ids$|^peer|Jid$/.test(k);
const show = (x: unknown) => (x === null || x === undefined ? "—" : typeof x === "object" ? JSON.stringify(x) : String(x));

/** Only what changed: "name: Lobo → Lobo Mau"; creations and removals list their fields. */
function describe(before: unknown, after: unknown): string[] {
  const b = (before && typeof before === "object" ? before : {}) as Record<string, unknown>;
  const a = (after && typeof after === "object" ? after : {}) as Record<string, unknown>;
  const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])].filter((k) => !hidden(k));
  if (!before || !after) return keys.slice(0, 6).map((k) => `${k}: ${show(a[k] ?? b[k])}`);
  return keys.filter((k) => JSON.stringify(b[k]) !== JSON.stringify(a[k])).map((k) => `${k}: ${show(b[k])} → ${show(a[k])}`);
}

/** Who changed what (read-only, rendered on the server). */
export default async function AuditPage({ params }: { params: Promise<{ tenantId: string }> }) {
  const { tenantId } = await params;
  const caller = await serverCaller();
  const [rows, tenant] = await Promise.all([caller.audit.list({ tenantId, take: 100 }), caller.tenant.get({ tenantId })]);
  const t = await getTranslations("audit");
  const format = await getFormatter();
  const actionLabel = (a: string) => (t.has(`actions.${a}`) ? t(`actions.${a as "agent.create"}`) : a);
  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      {/* A table on wider screens; on a phone each entry stacks into a card so "what changed" stays visible. */}
      <div className="rounded-lg border border-slate-200 bg-white sm:overflow-x-auto">
        <table className="block min-w-full text-sm sm:table sm:divide-y sm:divide-slate-200">
          <thead className="hidden bg-slate-50 text-left text-slate-600 sm:table-header-group">
            <tr><th scope="col" className="px-3 py-2">{t("when")}</th><th scope="col" className="px-3 py-2">{t("who")}</th><th scope="col" className="px-3 py-2">{t("what")}</th><th scope="col" className="px-3 py-2">{t("change")}</th></tr>
          </thead>
          <tbody className="block divide-y divide-slate-100 sm:table-row-group">
            {rows.length === 0 ? <tr className="block sm:table-row"><td colSpan={4} className="block px-3 py-6 text-center text-slate-500 sm:table-cell">{t("empty")}</td></tr> : null}
            {rows.map((r) => (
              <tr key={r.id} className="grid grid-cols-[1fr_auto] gap-x-3 px-3 py-2 sm:table-row sm:p-0">
                <td className="order-2 whitespace-nowrap text-xs text-slate-500 sm:order-none sm:px-3 sm:py-2 sm:text-sm">{format.dateTime(r.createdAt, { dateStyle: "short", timeStyle: "medium", timeZone: tenant.timezone })}</td>
                <td className="order-3 col-span-2 min-w-0 truncate text-xs text-slate-600 sm:order-none sm:px-3 sm:py-2 sm:text-sm sm:text-slate-900">{r.actor?.email ?? t("system")}</td>
                <td className="order-1 whitespace-nowrap text-xs font-medium sm:order-none sm:px-3 sm:py-2 sm:font-normal" title={r.action}>{actionLabel(r.action)}</td>
                <td className="order-4 col-span-2 mt-1 min-w-0 text-xs text-slate-600 sm:order-none sm:mt-0 sm:max-w-md sm:px-3 sm:py-2">
                  {r.before && !r.after ? <span className="text-slate-400">{t("removed")} </span> : null}
                  {describe(r.before, r.after).map((line) => <p key={line} className="break-words sm:truncate" title={line}>{line}</p>)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
