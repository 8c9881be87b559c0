export type SettingsValue = string | number | boolean | null | undefined;

/** One setting that changed: its path in the stored object (`["methods", "card", "enabled"]`) and the values on each side. */
export type SettingsFieldChange = { path: string[]; before: SettingsValue; after: SettingsValue };

const isPlainObject = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

/** A leaf as the diff shows it: scalars as they are, anything else (an array) as its JSON. */
const leaf = (value: unknown): SettingsValue =>
  value === null || value === undefined || typeof value === "string" || typeof value === "number" || typeof value === "boolean" ? value : JSON.stringify(value);

/**
 * The settings that differ between two stored versions of a settings object, field by field:
 * nested objects are walked down to their leaves, so a change of one method's flag is one
 * line, not the whole `methods` object. Fields in either version are compared; order is the
 * newer version's, then fields only the older one had.
 */
export function settingsDiff(before: Record<string, unknown>, after: Record<string, unknown>, path: string[] = []): SettingsFieldChange[] {
  const keys = [...new Set([...Object.keys(after), ...Object.keys(before)])];
  return keys.flatMap((key) => {
    const old = before[key];
    const now = after[key];
    if (isPlainObject(old) || isPlainObject(now)) {
      return settingsDiff(isPlainObject(old) ? old : {}, isPlainObject(now) ? now : {}, [...path, key]);
    }
    return JSON.stringify(old ?? null) === JSON.stringify(now ?? null) ? [] : [{ path: [...path, key], before: leaf(old), after: leaf(now) }];
  });
}
