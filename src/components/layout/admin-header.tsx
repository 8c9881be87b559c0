"use client";

import { useQuery } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useEffect } from "react";
import { useTRPC } from "@/trpc/client";
import { SiteHeader } from "./site-header";

/**
 * The admin's header. Who is signed in is read by the browser (`auth.header`, the shop header's
 * call), so the admin layout reads nothing per request and a list page can be built once per
 * language. The proxy has already kept everyone but admins out; a session revoked since its
 * token was issued reads as nobody here, and is sent to sign in as the layout used to.
 */
export function AdminHeader() {
  const trpc = useTRPC();
  const router = useRouter();
  const { data } = useQuery(trpc.auth.header.queryOptions(undefined, { staleTime: 0 }));
  const signedOut = data !== undefined && data.user === null;
  useEffect(() => {
    if (signedOut) router.replace(`/sign-in?callbackUrl=${encodeURIComponent(window.location.pathname + window.location.search)}`);
  }, [signedOut, router]);
  return <SiteHeader user={data === undefined ? undefined : data.user} />;
}
