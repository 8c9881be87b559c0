"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useTranslations } from "use-intl";
import { Button } from "@/components/ui/button";
import { useTRPC } from "@/trpc/client";

/** Puts a courier on or off duty from the list. */
export function CourierStatusButton({ id, name, status }: { id: string; name: string; status: "active" | "off_duty" }) {
  const t = useTranslations("logistics.admin.couriers");
  const trpc = useTRPC();
  const router = useRouter();
  const set = useMutation(trpc.adminCarriers.setCourierStatus.mutationOptions({ onSuccess: () => router.refresh() }));
  const next = status === "active" ? "off_duty" : "active";
  const label = status === "active" ? t("setOffDuty") : t("setActive");
  return (
    <Button type="button" variant="ghost" className="px-2 py-1" aria-label={`${label}: ${name}`} disabled={set.isPending} onClick={() => set.mutate({ id, status: next })}>
      {label}
    </Button>
  );
}
