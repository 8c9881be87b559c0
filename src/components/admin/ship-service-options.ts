import type { RouterOutputs } from "@/trpc/types";
import type { ShipServiceOption } from "./ship-service-select";

/** Every enabled service of every enabled carrier, named in the reader's language. */
export function shipServiceOptions(carriers: RouterOutputs["adminCarriers"]["list"], locale: string): ShipServiceOption[] {
  return carriers
    .filter((c) => c.enabled)
    .flatMap((c) =>
      c.serviceLevels
        .filter((l) => l.enabled)
        .map((l) => ({ value: `${c.code}|${l.code}`, label: locale === "zh-CN" ? `${c.nameZh} · ${l.nameZh}` : `${c.nameEn} · ${l.nameEn}` })),
    );
}
