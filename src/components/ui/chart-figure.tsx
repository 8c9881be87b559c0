import { ResponsiveContainer } from "recharts";
import { cn } from "@/lib/cn";

/**
 * A captioned, accessible frame for one recharts chart: the caption doubles as the image's
 * accessible name, and the chart fills a fixed-height box (recharts needs a sized parent).
 */
export function ChartFigure({ caption, height = "h-64", children }: { caption: string; height?: string; children: React.ReactElement }) {
  return (
    <figure className="rounded-lg border border-slate-200 bg-white p-4">
      <figcaption className="mb-2 text-sm font-medium">{caption}</figcaption>
      <div className={cn(height)} role="img" aria-label={caption}>
        <ResponsiveContainer width="100%" height="100%">
          {children}
        </ResponsiveContainer>
      </div>
    </figure>
  );
}
