"use client";

import { useTranslations } from "use-intl";
import { LoadingState } from "@/components/ui/states";

export default function Loading() {
  const t = useTranslations("common.states");
  return <LoadingState label={t("loading")} />;
}
