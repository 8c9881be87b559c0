import { GroupIntlProvider } from "@/components/layout/group-intl-provider";
import { SiteHeader } from "@/components/layout/site-header";
import { NotificationBell } from "@/components/notification/notification-bell";
import { api, getSession } from "@/trpc/server";

export default async function ShopLayout({ children }: { children: React.ReactNode }) {
  const session = await getSession();
  // The header shows how many items are in a shopper's cart and unread notifications; a failed read just hides the count.
  const [cartCount, unread] =
    session?.role === "shopper"
      ? await api().then((caller) =>
          Promise.all([
            caller.cart
              .get()
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
    <GroupIntlProvider group="shop">
      <SiteHeader
        user={session ? { name: session.name, role: session.role } : null}
        cartCount={cartCount}
        extra={session?.role === "shopper" ? <NotificationBell initialCount={unread} /> : undefined}
      />
      <main className="mx-auto max-w-6xl px-4 py-6">{children}</main>
    </GroupIntlProvider>
  );
}
