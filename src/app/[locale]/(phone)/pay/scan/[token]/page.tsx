import type { Metadata } from "next";
import { PhoneWallet } from "@/components/payment/phone-wallet";
import { getTranslations } from "@/i18n/server";

type Props = { params: Promise<{ token: string }> };

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("payment");
  return { title: t("phone.metaTitle"), robots: { index: false } };
}

/** The simulated payer's phone after scanning a QR code (public: holding the code is what counts). */
export default async function PhonePage({ params }: Props) {
  const { token } = await params;
  return <PhoneWallet token={token} />;
}
