import type { Metadata } from "next";
import { Cashier } from "@/components/payment/cashier";
import { getTranslations } from "@/i18n/server";
import { api, orNotFound } from "@/trpc/server";

type Props = { params: Promise<{ orderId: string }> };

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("payment");
  return { title: t("cashier.metaTitle"), robots: { index: false } };
}

/** The cashier for one of the shopper's orders; anyone else's order is the not-found page. */
export default async function PayPage({ params }: Props) {
  const { orderId } = await params;
  const view = await orNotFound((await api()).payment.cashier({ orderId }), `/pay/${orderId}`);
  return <Cashier initial={view} />;
}
