/** Small server-rendered building blocks for the admin filter forms (plain GET forms). */
export function FilterInput({ label, name, defaultValue, type = "text", inputMode }: { label: string; name: string; defaultValue?: string; type?: string; inputMode?: "decimal" | "text" }) {
  return (
    <label className="text-sm">
      <span className="mb-1 block font-medium text-slate-700">{label}</span>
      <input name={name} type={type} inputMode={inputMode} defaultValue={defaultValue ?? ""} className="w-full rounded-md border border-slate-300 bg-white px-3 py-2" />
    </label>
  );
}

export function FilterSelect({ label, name, defaultValue, options }: { label: string; name: string; defaultValue?: string; options: { value: string; label: string }[] }) {
  return (
    <label className="text-sm">
      <span className="mb-1 block font-medium text-slate-700">{label}</span>
      <select name={name} defaultValue={defaultValue ?? ""} className="w-full rounded-md border border-slate-300 bg-white px-3 py-2">
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </label>
  );
}

/** A "YYYY-MM-DD" day in China time as the instant it starts (the shop's days are China days). */
export function chinaDayStart(day: string | undefined, plusDays = 0): Date | undefined {
  if (!day || !/^\d{4}-\d{2}-\d{2}$/.test(day)) return undefined;
  const start = new Date(`${day}T00:00:00+08:00`);
  return Number.isNaN(start.getTime()) ? undefined : new Date(start.getTime() + plusDays * 86_400_000);
}
