import "server-only";
import type { SessionUser } from "@baas/api";
import { getServerSession } from "next-auth";
import { redirect } from "next/navigation";
import { cache } from "react";
import { authOptions } from "./auth-options";

/** The signed-in person (from the database session), or null; one lookup per request (layouts and the locale both ask). */
export const getSessionUser = cache(async (): Promise<SessionUser | null> => {
  const session = await getServerSession(authOptions());
  const u = session?.user as Partial<SessionUser> | undefined;
  if (!u?.id || !u.email) return null;
  return { id: u.id, email: u.email, name: u.name ?? null, platformRole: u.platformRole === "OPERATOR" ? "OPERATOR" : "NONE", locale: u.locale ?? null };
});

export async function requireUser(callbackPath = "/"): Promise<SessionUser> {
  const user = await getSessionUser();
  if (!user) redirect(`/signin?callbackUrl=${encodeURIComponent(callbackPath)}`);
  return user;
}
