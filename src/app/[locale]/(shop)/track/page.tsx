import { TRPCError } from "@trpc/server";
import { redirect } from "next/navigation";
import { TrackingPanel } from "@/components/logistics/tracking-panel";
import { buttonClass } from "@/components/ui/button";
import { ErrorState } from "@/components/ui/states";
import { getTranslations } from "@/i18n/server";
import { firstParams, type RawSearchParams } from "@/lib/search-params";
import { api } from "@/trpc/server";

export async function generateMetadata() {
  const t = await getTranslations("logistics");
  return { title: t("tracking.title") };
}

/** Public parcel lookup by tracking number: anyone may look, personal data is masked, lookups are rate limited. */
export default async function TrackPage({ searchParams }: { searchParams: Promise<RawSearchParams> }) {
  const [{ no }, t, caller] = await Promise.all([searchParams.then((raw) => firstParams(raw)), getTranslations("logistics"), api()]);
  const number = (no ?? "").trim();
  let result: Awaited<ReturnType<typeof caller.logistics.track>> | null = null;
  let error: string | null = null;
  if (number) {
    try {
      result = await caller.logistics.track({ trackingNo: number });
    } catch (e) {
      if (!(e instanceof TRPCError)) throw e;
      // Limited (this request lost the race for the minute's last lookup): a page cannot answer
      // 429 itself, so ask again; the proxy answers the repeat with 429 and Retry-After.
      if (e.code === "TOO_MANY_REQUESTS") redirect(`/track?${new URLSearchParams({ no: number })}`);
      error = e.code === "BAD_REQUEST" ? t("tracking.invalid") : t("tracking.notFound");
    }
  }
  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <div>
        <h1 className="text-2xl font-semibold">{t("tracking.title")}</h1>
        <p className="text-sm text-slate-600">{t("tracking.intro")}</p>
      </div>
      <form role="search" action="/track" className="flex flex-wrap items-end gap-3">
        <label className="min-w-0 flex-1 text-sm">
          <span className="mb-1 block font-medium text-slate-700">{t("tracking.numberLabel")}</span>
          <input
            name="no"
            defaultValue={number}
            required
            maxLength={40}
            placeholder={t("tracking.numberPlaceholder")}
            className="w-full rounded-md border border-slate-300 px-3 py-2 font-mono uppercase"
            aria-invalid={error ? true : undefined}
          />
        </label>
        <button type="submit" className={buttonClass()}>
          {t("tracking.submit")}
        </button>
      </form>
      {error && <ErrorState title={error} />}
      {result && <TrackingPanel data={result} />}
    </div>
  );
}
