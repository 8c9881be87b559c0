import { GroupIntlProvider } from "@/components/layout/group-intl-provider";
import { SiteHeader } from "@/components/layout/site-header";

export default function AuthLayout({ children }: { children: React.ReactNode }) {
  return (
    <GroupIntlProvider group="auth">
      <SiteHeader user={null} />
      <main className="mx-auto max-w-md px-4 py-10">{children}</main>
    </GroupIntlProvider>
  );
}
