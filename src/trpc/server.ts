import "server-only";
import { TRPCError } from "@trpc/server";
import { headers } from "next/headers";
import { notFound, redirect } from "next/navigation";
import { cache } from "react";
import { createCaller } from "@/server/api/root";
import { createContext } from "@/server/api/trpc";
import { getSessionFromHeaders } from "@/server/auth/session";
import { getDb } from "@/server/db/client";
import { clientAddressFromHeaders } from "@/server/http/client-address";
import { requestIdFrom } from "@/server/observability/request-context";

/** The signed-in user for this request (memoised per render). */
export const getSession = cache(async () => getSessionFromHeaders(await headers()));

/**
 * A server-side tRPC caller: server components read through the same procedures,
 * tiers and ownership filters as the browser does.
 */
export const api = cache(async () => {
  const h = await headers();
  return createCaller(createContext({ db: getDb(), session: await getSession(), requestId: requestIdFrom(h), clientIp: clientAddressFromHeaders(h) }));
});

/** Turns NOT_FOUND into the not-found page and UNAUTHORIZED into the sign-in page. */
export async function orNotFound<T>(promise: Promise<T>, callbackUrl?: string): Promise<T> {
  try {
    return await promise;
  } catch (error) {
    if (error instanceof TRPCError) {
      if (error.code === "NOT_FOUND" || error.code === "BAD_REQUEST") notFound();
      if (error.code === "UNAUTHORIZED" || error.code === "FORBIDDEN")
        redirect(`/sign-in${callbackUrl ? `?callbackUrl=${encodeURIComponent(callbackUrl)}` : ""}`);
    }
    throw error;
  }
}
