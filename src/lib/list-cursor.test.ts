import { describe, expect, it } from "vitest";
import { decodeListCursor, encodeListCursor, MAX_CURSOR_LENGTH, type ListCursor } from "./list-cursor";
import { formatEstimate, sortHeader } from "./list-sort";

const ID = "0f8fad5b-d9cb-469f-a165-70867728950e";

describe("list cursors", () => {
  it("round-trip time and integer keys, both directions, and stay short enough for a URL", () => {
    const cursors: ListCursor[] = [
      { sort: "created_desc", key: "2026-12-04T08:00:00.123456Z", id: ID, dir: "after", page: 2 },
      { sort: "amount_asc", key: 99_999_999, id: ID, dir: "before", page: 50 },
      { sort: "amount_desc", key: 0, id: ID, dir: "after", page: 1 },
    ];
    for (const cursor of cursors) {
      const text = encodeListCursor(cursor);
      expect(text).toMatch(/^[A-Za-z0-9_-]+$/);
      expect(text.length).toBeLessThan(MAX_CURSOR_LENGTH);
      expect(decodeListCursor(text)).toEqual(cursor);
    }
  });

  it("refuses anything that is not one of ours", () => {
    const json = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");
    for (const text of [
      "",
      "not a cursor",
      "%%%",
      json({ sort: "created_desc" }),
      json(["created_desc", "2026-12-04T08:00:00Z", "not-a-uuid", "a", 1]),
      json(["created_desc", "yesterday", ID, "a", 1]),
      json(["created_desc", 1.5, ID, "a", 1]),
      json(["created_desc", 1, ID, "sideways", 1]),
      json(["created_desc", 1, ID, "a", 0]),
      json(["DROP TABLE", 1, ID, "a", 1]),
      "A".repeat(MAX_CURSOR_LENGTH + 1),
    ]) {
      expect(decodeListCursor(text), text).toBeNull();
    }
  });
});

describe("sorting by a column header", () => {
  it("sorts by the column newest/largest first, then flips, keeping filters and dropping the page", () => {
    const params = { status: "failed", sort: "created_desc", cursor: "abc", page: "3" };
    expect(sortHeader("created", "created_desc", "/admin/payments", params)).toEqual({ href: "/admin/payments?status=failed&sort=created_asc", state: "descending" });
    expect(sortHeader("created", "created_asc", "/admin/payments", params)).toEqual({ href: "/admin/payments?status=failed&sort=created_desc", state: "ascending" });
    expect(sortHeader("amount", "created_desc", "/admin/payments", params)).toEqual({ href: "/admin/payments?status=failed&sort=amount_desc", state: "none" });
  });

  it("words an estimate compactly in the reader's language", () => {
    expect(formatEstimate(1_234_567, "en")).toBe("1.2M");
    expect(formatEstimate(1_234_567, "zh-CN")).toBe("123.5万");
  });
});
