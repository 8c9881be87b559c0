"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { signOut } from "next-auth/react";
import { useTranslations } from "use-intl";
import { Button } from "@/components/ui/button";

/**
 * Signs out and goes home on the same host: next-auth's own redirect would name the configured
 * NEXTAUTH_URL, which is not always the host the person is using.
 */
export function SignOutButton() {
  const t = useTranslations("common.nav");
  const router = useRouter();
  const queryClient = useQueryClient();
  async function onClick() {
    await signOut({ redirect: false });
    // Nothing read as the shopper stays, and the header asks again who reads.
    await queryClient.resetQueries();
    router.push("/");
    router.refresh();
  }
  return (
    <Button variant="ghost" type="button" onClick={() => void onClick()}>
      {t("signOut")}
    </Button>
  );
}
