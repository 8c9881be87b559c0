import Link from "next/link";
import { CarrierForm } from "@/components/logistics/admin/carrier-form";
import { getTranslations } from "@/i18n/server";
import { api, orNotFound } from "@/trpc/server";

export async function generateMetadata() {
  const t = await getTranslations("logistics");
  return { title: t("admin.carriers.title") };
}

export default async function EditCarrierPage({ params }: { params: Promise<{ id: string }> }) {
  const [{ id }, t, caller] = await Promise.all([params, getTranslations("logistics"), api()]);
  const carrier = await orNotFound(caller.adminCarriers.byId({ id }));
  return (
    <div className="space-y-4">
      <Link href="/admin/carriers" className="text-sm text-brand-700 hover:underline">
        ← {t("admin.carriers.title")}
      </Link>
      <h1 className="text-2xl font-semibold">{t("admin.carriers.edit", { code: carrier.code })}</h1>
      <CarrierForm
        initial={{
          id: carrier.id,
          code: carrier.code,
          nameEn: carrier.nameEn,
          nameZh: carrier.nameZh,
          logoColor: carrier.logoColor,
          trackingPrefix: carrier.trackingPrefix,
          trackingBodyLength: carrier.trackingBodyLength,
          trackingCheck: carrier.trackingCheck,
          trackingSuffix: carrier.trackingSuffix,
          enabled: carrier.enabled,
          serviceLevels: carrier.serviceLevels.map((l) => ({ ...l, rules: l.rules.map((r) => ({ zone: r.zone, firstFeeMinor: r.firstFeeMinor, additionalFeeMinor: r.additionalFeeMinor })) })),
        }}
      />
    </div>
  );
}
