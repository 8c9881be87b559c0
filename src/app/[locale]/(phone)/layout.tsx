import { GroupIntlProvider } from "@/components/layout/group-intl-provider";

/**
 * Pages that stand for another device — the simulated payer's phone reached by scanning the
 * cashier's QR code. They have no shop header: the phone is not signed in to the shop.
 */
export default function PhoneLayout({ children }: { children: React.ReactNode }) {
  return (
    <GroupIntlProvider group="phone">
      <main className="mx-auto flex min-h-screen max-w-md items-start justify-center px-4 py-6">{children}</main>
    </GroupIntlProvider>
  );
}
