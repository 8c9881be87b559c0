"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { useTranslations } from "use-intl";
import { cn } from "@/lib/cn";

/** The admin sections; modules add their pages under these paths. */
export const ADMIN_SECTIONS = [
  { key: "dashboard", href: "/admin" },
  { key: "products", href: "/admin/products" },
  { key: "categories", href: "/admin/categories" },
  { key: "stock", href: "/admin/stock" },
  { key: "messages", href: "/admin/messages" },
  { key: "orders", href: "/admin/orders" },
  { key: "payments", href: "/admin/payments" },
  { key: "refunds", href: "/admin/refunds" },
  { key: "webhooks", href: "/admin/webhooks" },
  { key: "shipments", href: "/admin/shipments" },
  { key: "carriers", href: "/admin/carriers" },
  { key: "couriers", href: "/admin/couriers" },
  { key: "tasks", href: "/admin/tasks" },
  { key: "monitoring", href: "/admin/monitoring" },
  { key: "logs", href: "/admin/logs" },
  { key: "simulation", href: "/admin/simulation" },
  { key: "reports", href: "/admin/reports" },
  { key: "users", href: "/admin/users" },
  { key: "settings", href: "/admin/settings" },
  { key: "apiKeys", href: "/admin/api-keys" },
] as const;

/**
 * The sidebar's twenty links do not prefetch: with Next's default every admin view fetched
 * the RSC payload of each visible section (≈ 16 requests per page). A click still loads the
 * section at once; the page's own primary links keep prefetching.
 */
export function AdminSidebar() {
  const t = useTranslations("admin");
  const pathname = usePathname();
  return (
    <nav aria-label={t("sidebarLabel")} className="w-full shrink-0 md:w-52">
      <ul className="flex gap-1 overflow-x-auto md:flex-col">
        {ADMIN_SECTIONS.map((section) => {
          const active = section.href === "/admin" ? pathname === "/admin" : pathname.startsWith(section.href);
          return (
            <li key={section.key}>
              <Link
                href={section.href}
                prefetch={false}
                aria-current={active ? "page" : undefined}
                className={cn(
                  "block whitespace-nowrap rounded-md px-3 py-2 text-sm",
                  active ? "bg-brand-600 text-white" : "text-slate-700 hover:bg-slate-200",
                )}
              >
                {t(`nav.${section.key}`)}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
