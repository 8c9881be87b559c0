"use client";

import { useId } from "react";
import { useTranslations } from "use-intl";
import { hasFieldError, type FormError } from "@/components/catalog/admin/form-errors";
import { MESSAGE_PICTURE_MAX, MESSAGE_PICTURE_MAX_MEGABYTES } from "@/lib/message-picture";

const IMAGE_PROBLEMS = ["missing", "not_an_image", "wrong_type", "too_many_bytes", "too_many_pixels"] as const;

/** The refusal of a post's pictures in the reader's language, or undefined when they were not the problem. */
export function usePictureError(error: FormError): string | undefined {
  const t = useTranslations("catalog.messages");
  const ti = useTranslations("images");
  if (!hasFieldError(error, "pictures")) return undefined;
  const params = error?.data?.params ?? {};
  const limits = { maxMegabytes: Number(params.maxMegabytes ?? MESSAGE_PICTURE_MAX_MEGABYTES), maxSide: Number(params.maxSide ?? 4000) };
  if (params.imageProblem === "too_many_files") return t("errors.tooManyPictures", { max: MESSAGE_PICTURE_MAX });
  const named = IMAGE_PROBLEMS.find((p) => p === params.imageProblem);
  const problem = named ? ti(`errors.${named}`, limits) : ti("errors.failed");
  return params.picture ? t("errors.picture", { n: Number(params.picture), problem }) : problem;
}

/** The optional pictures of a post: up to MESSAGE_PICTURE_MAX image files, with the limits and any refusal under it. */
export function PictureField({ error }: { error?: string }) {
  const t = useTranslations("catalog.messages");
  const id = useId();
  return (
    <div className="space-y-1 text-sm">
      <label htmlFor={id} className="block font-medium text-slate-700">
        {t("pictures")}
      </label>
      <input
        id={id}
        name="pictures"
        type="file"
        multiple
        accept="image/jpeg,image/png,image/webp"
        aria-invalid={error ? true : undefined}
        aria-describedby={`${id}-note`}
        className="block w-full text-sm file:mr-3 file:rounded-md file:border-0 file:bg-slate-100 file:px-3 file:py-1.5 aria-[invalid=true]:text-rose-600"
      />
      {error ? (
        <p id={`${id}-note`} role="alert" className="text-xs text-rose-600">
          {error}
        </p>
      ) : (
        <p id={`${id}-note`} className="text-xs text-slate-500">
          {t("picturesHint", { max: MESSAGE_PICTURE_MAX, maxMegabytes: MESSAGE_PICTURE_MAX_MEGABYTES })}
        </p>
      )}
    </div>
  );
}
