"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useTranslations } from "use-intl";
import { Button } from "@/components/ui/button";
import { useTRPC } from "@/trpc/client";

/** Enables or disables a carrier (a disabled one is offered at no checkout). */
export function CarrierToggle({ id, code, enabled }: { id: string; code: string; enabled: boolean }) {
  const t = useTranslations("logistics.admin.carriers");
  const trpc = useTRPC();
  const router = useRouter();
  const toggle = useMutation(trpc.adminCarriers.setEnabled.mutationOptions({ onSuccess: () => router.refresh() }));
  return (
    <Button type="button" variant="ghost" className="px-2 py-1" aria-label={`${enabled ? t("disable") : t("enable")} ${code}`} disabled={toggle.isPending} onClick={() => toggle.mutate({ id, enabled: !enabled })}>
      {enabled ? t("disable") : t("enable")}
    </Button>
  );
}
