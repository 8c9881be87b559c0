import { decodeListCursor, MAX_CURSOR_LENGTH } from "./list-cursor";

/**
 * A page's query string as Next hands it over: a parameter given twice (`?no=a&no=b`) arrives
 * as an array, whatever the page's type says. Pages read it through `firstParams`, which keeps
 * the first value of each parameter, drops characters no query can carry (NUL, unpaired
 * surrogates) and bounds its length, so a crafted URL shows the page instead of an error.
 */
export type RawSearchParams = Record<string, string | string[] | undefined>;

// eslint-disable-next-line no-control-regex -- the NUL byte is exactly what this drops
const UNSTORABLE = /[\u0000\uD800-\uDFFF]/gu;

export function firstParams(raw: RawSearchParams, maxLength = 100): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const [key, value] of Object.entries(raw)) {
    const first = Array.isArray(value) ? value[0] : value;
    out[key] = first === undefined ? undefined : first.replace(UNSTORABLE, "").slice(0, maxLength);
  }
  return out;
}

/** A 1-based page number from the query string, within 1…max (anything else is page 1 or the last page). */
export function pageParam(value: string | undefined, max: number): number {
  return Math.min(max, Math.max(1, Math.floor(Number(value)) || 1));
}

/** A list cursor from the query string when it is one of ours; anything else opens the first page. */
export function cursorParam(raw: RawSearchParams): string | undefined {
  const value = firstParams(raw, MAX_CURSOR_LENGTH).cursor;
  return value && decodeListCursor(value) ? value : undefined;
}
