import { SiteHeader } from "@/components/layout/site-header";
import { getSession } from "@/trpc/server";

export default async function ShopLayout({ children }: { children: React.ReactNode }) {
  const session = await getSession();
  return (
    <>
      <SiteHeader user={session ? { name: session.name, role: session.role } : null} />
      <main className="mx-auto max-w-6xl px-4 py-6">{children}</main>
    </>
  );
}
