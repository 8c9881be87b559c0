import { redirect } from "next/navigation";
import { AdminSidebar } from "@/components/admin/admin-sidebar";
import { SiteHeader } from "@/components/layout/site-header";
import { getSession } from "@/trpc/server";

export const metadata = { title: { default: "Admin", template: "%s · Admin · shopflow" } };

/** The role gate for every admin page runs here, on the server. */
export default async function AdminLayout({ children }: { children: React.ReactNode }) {
  const session = await getSession();
  if (!session || session.role !== "admin") redirect("/sign-in?callbackUrl=/admin");
  return (
    <>
      <SiteHeader user={{ name: session.name, role: session.role }} />
      <div className="mx-auto flex max-w-7xl flex-col gap-6 px-4 py-6 md:flex-row">
        <AdminSidebar />
        <main className="min-w-0 flex-1">{children}</main>
      </div>
    </>
  );
}
