"use client";

import { RouteError } from "@/components/layout/route-error";

export default function AdminError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return <RouteError reset={reset} digest={error.digest} logsLink />;
}
