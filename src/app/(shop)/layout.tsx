import { SiteHeader } from "@/components/layout/site-header";
import { api, getSession } from "@/trpc/server";

export default async function ShopLayout({ children }: { children: React.ReactNode }) {
  const session = await getSession();
  // The header shows how many items are in a shopper's cart; a failed read just hides the count.
  const cartCount =
    session?.role === "shopper"
      ? await api()
          .then((caller) => caller.cart.get())
          .then((cart) => cart.itemCount)
          .catch(() => undefined)
      : undefined;
  return (
    <>
      <SiteHeader user={session ? { name: session.name, role: session.role } : null} cartCount={cartCount} />
      <main className="mx-auto max-w-6xl px-4 py-6">{children}</main>
    </>
  );
}
