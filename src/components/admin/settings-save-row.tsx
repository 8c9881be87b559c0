import { Button } from "@/components/ui/button";

/** A settings form's submit button and, once the save went through, its "saved" status line. */
export function SettingsSaveRow({ pending, saved, saveLabel, savedLabel }: { pending: boolean; saved: boolean; saveLabel: string; savedLabel: string }) {
  return (
    <div className="sm:col-span-2">
      <Button type="submit" disabled={pending}>
        {saveLabel}
      </Button>
      {saved && (
        <p role="status" className="mt-2 text-sm text-emerald-700">
          {savedLabel}
        </p>
      )}
    </div>
  );
}
