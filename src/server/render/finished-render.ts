import "server-only";
import { cache, cacheSignal } from "react";

/**
 * When a render ends, React aborts its cache signal with an Error, created inside the Immediate
 * that ran React's last piece of work. Until its stack is read, an Error keeps the receivers of
 * the frames it was created in — that Immediate — and Node leaves a finished Immediate linked to
 * the others of its batch (`_idleNext`, `_idlePrev`), each carrying the async context of the
 * render that scheduled it: other renders, whose own Errors keep Immediates of later batches.
 * So one render kept alive by anything long-lived (a pooled database connection opened during a
 * render keeps that render's async context for its lifetime) kept every render after it, and
 * Next's heap grew with the pages it served until it ran out (docs/performance.md, round 15).
 * Reading the stack once turns it into a string and drops those references.
 */
export function releaseStackOnAbort(signal: AbortSignal): void {
  signal.addEventListener("abort", () => void (signal.reason instanceof Error && signal.reason.stack), { once: true });
}

/** Makes this render's end release what its cache signal's Error keeps (once per render; a no-op outside one). */
export const forgetRenderWhenDone = cache((): void => {
  const signal = cacheSignal();
  if (signal) releaseStackOnAbort(signal);
});
