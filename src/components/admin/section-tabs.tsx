import Link from "next/link";
import { cn } from "@/lib/cn";

/** Tabs of a shared admin section (Reports, Settings): each module owns one tab. */
export function SectionTabs({ label, tabs, current }: { label: string; tabs: { href: string; label: string }[]; current?: string }) {
  return (
    <nav aria-label={label} className="border-b border-slate-200">
      <ul className="flex gap-1">
        {tabs.map((tab) => (
          <li key={tab.href}>
            <Link
              href={tab.href}
              aria-current={tab.href === current ? "page" : undefined}
              className={cn("block rounded-t-md px-4 py-2 text-sm", tab.href === current ? "border border-b-white border-slate-200 bg-white font-medium" : "text-slate-600 hover:text-slate-900")}
            >
              {tab.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
