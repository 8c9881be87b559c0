"use client";

import { useLocale, useTranslations } from "use-intl";
import type { ShopperOrderView } from "@/trpc/types";
import { OrderSection } from "./order-section";

/** The carrier and service the shopper chose at checkout, named in the page's language. */
export function OrderDelivery({ service }: { service: ShopperOrderView["shippingService"] }) {
  const t = useTranslations("shop.order");
  const locale = useLocale();
  if (!service) return null;
  const zh = locale === "zh-CN";
  const serviceName = zh ? (service.serviceNameZh ?? service.serviceNameEn) : service.serviceNameEn;
  return (
    <OrderSection id="order-delivery" title={t("deliveryTitle")}>
      <dl className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1 text-sm" data-testid="order-delivery">
        <dt className="text-slate-500">{t("carrier")}</dt>
        <dd>{zh ? service.carrierNameZh : service.carrierNameEn}</dd>
        {serviceName && (
          <>
            <dt className="text-slate-500">{t("service")}</dt>
            <dd>{serviceName}</dd>
          </>
        )}
      </dl>
    </OrderSection>
  );
}
