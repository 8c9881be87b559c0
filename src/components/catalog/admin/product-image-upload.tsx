"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { useTranslations } from "use-intl";
import { ProductImage } from "@/components/shop/product-image";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { ProductImageRemove } from "./product-image-remove";

/** The upload limits the server enforces, shown in the hint and in refusals. */
const LIMITS = { maxMegabytes: 5, maxSide: 4000 };
const PROBLEMS = ["missing", "not_an_image", "wrong_type", "too_many_bytes", "too_many_pixels"] as const;
type Problem = (typeof PROBLEMS)[number] | "notFound" | "forbidden" | "failed";

/** The gateway's answer to a refused upload: `{ error: { code, params: { imageProblem } } }`. */
function problemOf(status: number, body: unknown): Problem {
  const error = (body as { error?: { code?: string; params?: { imageProblem?: string } } } | null)?.error;
  const named = PROBLEMS.find((p) => p === error?.params?.imageProblem);
  if (named) return named;
  if (status === 404) return "notFound";
  if (status === 401 || status === 403) return "forbidden";
  return "failed";
}

/**
 * The product's picture and a file field to replace it. The file goes as multipart to the
 * gateway (`POST /api/admin/products/:id/image`), which decodes and checks it; a refusal is
 * shown under the field in the reader's language. Its own form: uploading does not submit the
 * product's other fields.
 */
export function ProductImageUpload({ productId, imageUrl, productName }: { productId: string; imageUrl: string | null; productName: string }) {
  const t = useTranslations("images");
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [saved, setSaved] = useState(false);

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const file = (form.elements.namedItem("image") as HTMLInputElement).files?.[0];
    setSaved(false);
    if (!file) return setProblem("missing");
    // Checked here too so a 50 MB photo is not sent just to be refused.
    if (file.size > LIMITS.maxMegabytes * 1024 * 1024) return setProblem("too_many_bytes");
    setBusy(true);
    setProblem(null);
    try {
      const body = new FormData();
      body.append("image", file);
      const answer = await fetch(`/api/admin/products/${productId}/image`, { method: "POST", body, credentials: "same-origin" });
      if (!answer.ok) return setProblem(problemOf(answer.status, await answer.json().catch(() => null)));
      form.reset();
      setSaved(true);
      router.refresh();
    } catch {
      setProblem("failed");
    } finally {
      setBusy(false);
    }
  }

  return (
    <section aria-labelledby="product-image-title" className="space-y-3 rounded-lg border border-slate-200 bg-white p-4">
      <h2 id="product-image-title" className="font-medium">
        {t("upload.title")}
      </h2>
      <div className="flex flex-wrap items-start gap-4">
        <figure className="space-y-1">
          <ProductImage imageUrl={imageUrl} alt={productName} size="grid" className="h-40 w-40 border border-slate-200" />
          <figcaption className="text-xs text-slate-500">{imageUrl ? t("upload.current") : t("upload.none")}</figcaption>
          {imageUrl && <ProductImageRemove productId={productId} />}
        </figure>
        <form onSubmit={onSubmit} className="min-w-64 flex-1 space-y-3" noValidate>
          <TextField
            label={t("upload.field")}
            name="image"
            type="file"
            accept="image/jpeg,image/png,image/webp"
            hint={t("upload.hint", LIMITS)}
            error={problem ? t(`errors.${problem}`, LIMITS) : undefined}
            onChange={() => setProblem(null)}
          />
          <Button type="submit" disabled={busy}>
            {busy ? t("upload.uploading") : t("upload.submit")}
          </Button>
          {saved && (
            <p role="status" className="text-sm text-emerald-700">
              {t("upload.saved")}
            </p>
          )}
        </form>
      </div>
    </section>
  );
}
