/**
 * The opaque cursor of a keyset-paged list: where a page starts, as the sort key and id of the
 * row next to it, which way to walk from there, and the page's number (shown to people only).
 * It travels in URLs (`?cursor=…`), so it is compact base64url JSON and read back strictly: a
 * string that is not one of ours is refused as input, never trusted into a query.
 */
export type ListCursor = {
  /** The sort it belongs to; a cursor of another sort is refused. */
  sort: string;
  /** The sort key of the row next to the page: an ISO time, or an integer. */
  key: string | number;
  /** That row's id, the tie-breaker. */
  id: string;
  /** after: the rows that follow it in list order (next); before: the rows that precede it (previous). */
  dir: "after" | "before";
  /** The number of the page this cursor opens, 1-based. */
  page: number;
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?Z$/;
export const MAX_CURSOR_LENGTH = 200;

function toBase64Url(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let binary = "";
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

function fromBase64Url(text: string): string | null {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) return null;
  try {
    const binary = atob(text.replace(/-/g, "+").replace(/_/g, "/"));
    return new TextDecoder("utf-8", { fatal: true }).decode(Uint8Array.from(binary, (c) => c.charCodeAt(0)));
  } catch {
    return null;
  }
}

export function encodeListCursor(cursor: ListCursor): string {
  return toBase64Url(JSON.stringify([cursor.sort, cursor.key, cursor.id, cursor.dir === "after" ? "a" : "b", cursor.page]));
}

/** The cursor a string holds, or null when it is not a well-formed cursor of ours. */
export function decodeListCursor(text: string): ListCursor | null {
  if (text.length === 0 || text.length > MAX_CURSOR_LENGTH) return null;
  const json = fromBase64Url(text);
  if (json === null) return null;
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return null;
  }
  if (!Array.isArray(value) || value.length !== 5) return null;
  const [sort, key, id, dir, page] = value as unknown[];
  if (typeof sort !== "string" || !/^[a-z_]{1,32}$/.test(sort)) return null;
  const keyOk = (typeof key === "number" && Number.isSafeInteger(key)) || (typeof key === "string" && ISO.test(key) && !Number.isNaN(Date.parse(key)));
  if (!keyOk) return null;
  if (typeof id !== "string" || !UUID.test(id)) return null;
  if (dir !== "a" && dir !== "b") return null;
  if (typeof page !== "number" || !Number.isSafeInteger(page) || page < 1 || page > 1_000_000_000) return null;
  return { sort, key: key as string | number, id, dir: dir === "a" ? "after" : "before", page };
}
