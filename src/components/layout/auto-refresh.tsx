"use client";

import { useRouter } from "next/navigation";
import { useEffect } from "react";

/**
 * Re-renders the server component page every `seconds` while the tab is visible, so a page
 * that shows live state (task runs, queues, monitoring) does not freeze on what was true at
 * load time. `router.refresh()` keeps client state (open forms, buttons' "done" messages).
 */
export function AutoRefresh({ seconds }: { seconds: number }) {
  const router = useRouter();
  useEffect(() => {
    const timer = setInterval(() => {
      if (document.visibilityState === "visible") router.refresh();
    }, seconds * 1000);
    return () => clearInterval(timer);
  }, [router, seconds]);
  return null;
}
