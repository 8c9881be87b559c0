"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useTranslations } from "use-intl";
import { Button } from "@/components/ui/button";
import { useTRPC } from "@/trpc/client";

/**
 * Removes the product's picture after an inline confirmation: the product shows its generated
 * picture again (audited as "picture removed", before → after).
 */
export function ProductImageRemove({ productId }: { productId: string }) {
  const t = useTranslations("images");
  const trpc = useTRPC();
  const router = useRouter();
  const [confirming, setConfirming] = useState(false);
  const remove = useMutation(
    trpc.adminCatalog.removeProductImage.mutationOptions({
      onSuccess: () => {
        setConfirming(false);
        router.refresh();
      },
    }),
  );
  return (
    <div className="space-y-2">
      {confirming ? (
        <div role="group" aria-label={t("remove.question")} className="flex flex-wrap items-center gap-2">
          <span className="text-sm">{t("remove.question")}</span>
          <Button type="button" variant="danger" disabled={remove.isPending} onClick={() => remove.mutate({ id: productId })}>
            {t("remove.confirm")}
          </Button>
          <Button type="button" variant="secondary" onClick={() => setConfirming(false)}>
            {t("remove.cancel")}
          </Button>
        </div>
      ) : (
        <Button
          type="button"
          variant="secondary"
          onClick={() => {
            remove.reset();
            setConfirming(true);
          }}
        >
          {t("remove.button")}
        </Button>
      )}
      {remove.isSuccess && (
        <p role="status" className="text-sm text-emerald-700">
          {t("remove.done")}
        </p>
      )}
      {remove.isError && (
        <p role="alert" className="text-sm text-rose-600">
          {remove.error.data?.domainCode === "PRODUCT_NOT_FOUND" ? t("errors.notFound") : t("remove.failed")}
        </p>
      )}
    </div>
  );
}
