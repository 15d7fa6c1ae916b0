import "server-only";
import { appRouter, createTRPCContext } from "@baas/api";
import { dehydrate, HydrationBoundary } from "@tanstack/react-query";
import { createTRPCOptionsProxy, type TRPCQueryOptions } from "@trpc/tanstack-react-query";
import { headers } from "next/headers";
import { cache } from "react";
import { getSessionUser } from "~/server/auth/session";
import { getApiServices } from "~/server/services";
import { makeQueryClient } from "./query-client";

/** One QueryClient per request, shared by every server component that prefetches. */
export const getQueryClient = cache(makeQueryClient);

const createContext = cache(async () =>
  createTRPCContext({ services: await getApiServices(), headers: new Headers(await headers()), user: await getSessionUser() }),
);

export const trpc = createTRPCOptionsProxy({ ctx: createContext, router: appRouter, queryClient: getQueryClient });

/** Direct server-side calls (redirect decisions, not-found checks). */
export const serverCaller = cache(async () => appRouter.createCaller(await createContext()));

// Any query's options: the integration's helper types take the procedure as their parameter.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function prefetch<T extends ReturnType<TRPCQueryOptions<any>>>(opts: T): void {
  void getQueryClient().prefetchQuery(opts);
}

export function HydrateClient({ children }: { children: React.ReactNode }) {
  return <HydrationBoundary state={dehydrate(getQueryClient())}>{children}</HydrationBoundary>;
}
