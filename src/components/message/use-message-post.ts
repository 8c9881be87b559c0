"use client";

import { useState } from "react";
import type { FormError } from "@/components/catalog/admin/form-errors";
import { MESSAGE_PICTURE_MAX, MESSAGE_PICTURE_MAX_MEGABYTES } from "@/lib/message-picture";

/** The gateway's refusal: `{ error: { code, fieldErrors, params } }`. */
type Refusal = { error?: { code?: string; fieldErrors?: Record<string, string[]>; params?: Record<string, string | number> } } | null;

const refusedLocally = (imageProblem: string): FormError => ({
  data: { domainCode: "VALIDATION_FAILED", fieldErrors: { pictures: [imageProblem] }, params: { imageProblem, maxPictures: MESSAGE_PICTURE_MAX, maxMegabytes: MESSAGE_PICTURE_MAX_MEGABYTES } },
});

/**
 * Sends a message form (its text fields and the files of its `pictures` field) as multipart to
 * the gateway, which checks the pictures and writes the post with them or not at all. Too many
 * or too large files are refused here first, so they are not uploaded just to be refused.
 * Errors come back in the shape tRPC errors have on forms (see form-errors).
 */
export function useMessagePost<T>() {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<FormError>(null);
  async function submit(url: string, form: HTMLFormElement): Promise<T | null> {
    const body = new FormData(form);
    // An empty file field still sends an empty part: that is no picture.
    const files = body.getAll("pictures").filter((f): f is File => f instanceof File && (f.size > 0 || f.name !== ""));
    body.delete("pictures");
    for (const file of files) body.append("pictures", file);
    if (files.length > MESSAGE_PICTURE_MAX) return (setError(refusedLocally("too_many_files")), null);
    if (files.some((f) => f.size > MESSAGE_PICTURE_MAX_MEGABYTES * 1024 * 1024)) return (setError(refusedLocally("too_many_bytes")), null);
    setPending(true);
    setError(null);
    try {
      const answer = await fetch(url, { method: "POST", body, credentials: "same-origin" });
      const json = (await answer.json().catch(() => null)) as unknown;
      if (answer.ok) return json as T;
      const refusal = (json as Refusal)?.error;
      setError({ data: { domainCode: refusal?.code ?? "FAILED", fieldErrors: refusal?.fieldErrors, params: refusal?.params } });
      return null;
    } catch {
      setError({ data: { domainCode: "FAILED" } });
      return null;
    } finally {
      setPending(false);
    }
  }
  return { submit, pending, error, clear: () => setError(null) };
}
