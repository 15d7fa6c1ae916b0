import { redirect } from "next/navigation";
import { requireUser } from "~/server/auth/session";
import { serverCaller } from "~/trpc/server";

export const dynamic = "force-dynamic";

/** Home: the first tenant of the signed-in person, or a note that they have none yet. */
export default async function Home() {
  await requireUser("/");
  const tenants = await (await serverCaller()).tenant.mine();
  if (tenants[0]) redirect(`/t/${tenants[0].id}`);
  return (
    <main className="mx-auto max-w-md p-8">
      <h1 className="text-xl font-semibold">No team yet</h1>
      <p className="mt-2 text-slate-600">Ask a tenant owner or admin to invite you by email.</p>
    </main>
  );
}
