import { redirect } from "next/navigation";
import { reportHref, reportRange } from "@/lib/report-range";
import { firstParams, type RawSearchParams } from "@/lib/search-params";

/** Admin → Reports opens its first tab (payments) with the default range, or the range it was given. */
export default async function ReportsIndexPage({ searchParams }: { searchParams: Promise<RawSearchParams> }) {
  redirect(reportHref("payments", reportRange(firstParams(await searchParams))));
}
