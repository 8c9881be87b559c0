import { describe, expect, it } from "vitest";
import { idPageOf, isRecordId } from "./hidden-page";

describe("idPageOf", () => {
  it("names the record of an order, tracking, cashier or product page, with or without a language and a query", () => {
    expect(idPageOf("/orders/abc")).toEqual({ kind: "order", id: "abc" });
    expect(idPageOf("/pay/abc")).toEqual({ kind: "order", id: "abc" });
    expect(idPageOf("/zh-CN/pay/abc/?x=1")).toEqual({ kind: "order", id: "abc" });
    expect(idPageOf("/zh-CN/orders/abc/tracking?x=1")).toEqual({ kind: "order", id: "abc" });
    expect(idPageOf("/en/products/p1/")).toEqual({ kind: "product", id: "p1" });
    for (const path of ["/admin", "/admin/", "/zh-CN/admin/orders?status=paid", "/admin/orders/abc", "/admin/products?q=tea&page=2", "/en/admin/stock", "/zh-CN/admin/users?role=shopper"]) expect(idPageOf(path), path).toEqual({ kind: "admin" });
  });
  it("is null for every other page", () => {
    for (const path of ["/orders", "/orders/", "/orders/a/b", "/products", "/cart", "/pay", "/pay/scan/token", "/en/pay/scan/token", "/pay/a/b", "/administrator", "/"]) expect(idPageOf(path), path).toBeNull();
  });
});

describe("isRecordId", () => {
  it("takes UUIDs only", () => {
    expect(isRecordId("3f6c1f1e-8a4b-4c1d-9e2f-0a1b2c3d4e5f")).toBe(true);
    for (const id of ["not-a-uuid", "123", "' OR 1=1--", "00000000-0000-0000-0000-00000000000g", "a".repeat(200)]) expect(isRecordId(id), id).toBe(false);
  });
});
