import { ShopIntlProvider } from "@/components/layout/shop-intl-provider";
import { SiteHeader } from "@/components/layout/site-header";
import { NotificationBell } from "@/components/notification/notification-bell";
import { getLocale } from "@/i18n/server";
import { api, getMyCart, getSession } from "@/trpc/server";

export default async function ShopLayout({ children }: { children: React.ReactNode }) {
  const [session, locale] = await Promise.all([getSession(), getLocale()]);
  // The header shows how many items are in a shopper's cart and unread notifications; a failed read just hides the count.
  const [cartCount, unread] =
    session?.role === "shopper"
      ? await api().then((caller) =>
          Promise.all([
            getMyCart()
              .then((cart) => cart.itemCount)
              .catch(() => undefined),
            caller.notification
              .unreadCount()
              .then((r) => r.count)
              .catch(() => 0),
          ]),
        )
      : [undefined, 0];
  return (
    <ShopIntlProvider locale={locale}>
      <SiteHeader
        user={session ? { name: session.name, role: session.role } : null}
        cartCount={cartCount}
        extra={session?.role === "shopper" ? <NotificationBell initialCount={unread} /> : undefined}
      />
      <main className="mx-auto max-w-6xl px-4 py-6">{children}</main>
    </ShopIntlProvider>
  );
}
