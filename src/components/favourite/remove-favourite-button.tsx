"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useTranslations } from "use-intl";
import { Button } from "@/components/ui/button";
import { useTRPC } from "@/trpc/client";

export function RemoveFavouriteButton({ productId, name }: { productId: string; name: string }) {
  const t = useTranslations("catalog.favourites");
  const trpc = useTRPC();
  const router = useRouter();
  const remove = useMutation(trpc.favourite.remove.mutationOptions({ onSuccess: () => router.refresh() }));
  return (
    <Button type="button" variant="ghost" aria-label={`${t("remove")}: ${name}`} disabled={remove.isPending} onClick={() => remove.mutate({ productId })}>
      {t("remove")}
    </Button>
  );
}
