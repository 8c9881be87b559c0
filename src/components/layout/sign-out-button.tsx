"use client";

import { signOut } from "next-auth/react";
import { useTranslations } from "use-intl";
import { Button } from "@/components/ui/button";

export function SignOutButton() {
  const t = useTranslations("common.nav");
  return (
    <Button variant="ghost" type="button" onClick={() => signOut({ callbackUrl: "/" })}>
      {t("signOut")}
    </Button>
  );
}
