import { useId } from "react";
import { cn } from "@/lib/cn";

const control =
  "w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm focus:border-brand-500 focus:outline-none focus:ring-2 focus:ring-brand-100 aria-[invalid=true]:border-rose-500";

type FieldProps = { label: string; error?: string | string[]; hint?: string };

/** A labelled input with its error shown right under it (and wired with aria-describedby). */
export function TextField({ label, error, hint, className, ...props }: FieldProps & React.InputHTMLAttributes<HTMLInputElement>) {
  const id = useId();
  const message = Array.isArray(error) ? error[0] : error;
  return (
    <div className={cn("space-y-1", className)}>
      <label htmlFor={id} className="block text-sm font-medium text-slate-700">
        {label}
      </label>
      <input id={id} className={control} aria-invalid={message ? true : undefined} aria-describedby={message ? `${id}-error` : undefined} {...props} />
      {hint && !message && <p className="text-xs text-slate-500">{hint}</p>}
      {message && (
        <p id={`${id}-error`} role="alert" className="text-xs text-rose-600">
          {message}
        </p>
      )}
    </div>
  );
}

export function SelectField({
  label,
  error,
  className,
  children,
  ...props
}: FieldProps & React.SelectHTMLAttributes<HTMLSelectElement>) {
  const id = useId();
  const message = Array.isArray(error) ? error[0] : error;
  return (
    <div className={cn("space-y-1", className)}>
      <label htmlFor={id} className="block text-sm font-medium text-slate-700">
        {label}
      </label>
      <select id={id} className={control} aria-invalid={message ? true : undefined} {...props}>
        {children}
      </select>
      {message && (
        <p role="alert" className="text-xs text-rose-600">
          {message}
        </p>
      )}
    </div>
  );
}
