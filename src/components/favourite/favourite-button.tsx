"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useTranslations } from "use-intl";
import { Button } from "@/components/ui/button";
import { useTRPC } from "@/trpc/client";

/**
 * Save / unsave on the product page. A shopper's saved state is read from the API (the page is
 * the same for everyone); the button waits for it. Guests are sent to sign in.
 */
export function FavouriteButton({ productId, viewer }: { productId: string; viewer: "guest" | "shopper" | "admin" }) {
  const t = useTranslations("catalog.favourites");
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const stateKey = trpc.favourite.state.queryKey({ productId });
  const state = useQuery({ ...trpc.favourite.state.queryOptions({ productId }), enabled: viewer === "shopper" });
  const onSuccess = (next: { productId: string; saved: boolean }) => queryClient.setQueryData(stateKey, next);
  const add = useMutation(trpc.favourite.add.mutationOptions({ onSuccess }));
  const remove = useMutation(trpc.favourite.remove.mutationOptions({ onSuccess }));
  if (viewer === "admin") return null;
  const saved = state.data?.saved ?? false;
  const pending = add.isPending || remove.isPending || (viewer === "shopper" && state.isPending);
  return (
    <Button
      type="button"
      variant="secondary"
      aria-pressed={viewer === "shopper" ? saved : undefined}
      disabled={pending}
      onClick={() => {
        if (viewer === "guest") router.push(`/sign-in?callbackUrl=${encodeURIComponent(`/products/${productId}`)}`);
        else if (saved) remove.mutate({ productId });
        else add.mutate({ productId });
      }}
    >
      {viewer === "guest" ? t("signIn") : saved ? `♥ ${t("saved")}` : `♡ ${t("save")}`}
    </Button>
  );
}
