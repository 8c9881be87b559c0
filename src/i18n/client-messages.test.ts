import { describe, expect, it } from "vitest";
import { CLIENT_NAMESPACES, clientMessages } from "./client-messages";
import { MESSAGES } from "./messages";

describe("clientMessages", () => {
  it("ships a route group's namespaces and parts of namespaces, nothing else", () => {
    const shop = clientMessages("en", "shop") as unknown as Record<string, Record<string, unknown>>;
    expect(shop.shop).toEqual(MESSAGES.en.shop);
    expect(shop.logistics!.tracking).toEqual(MESSAGES.en.logistics.tracking);
    expect(Object.keys(shop.logistics!.admin as object)).toEqual(["calculator"]);
    expect(shop.payment!.admin).toBeUndefined();
    expect(shop.dashboard).toBeUndefined();
    expect(JSON.stringify(shop).length).toBeLessThan(JSON.stringify(MESSAGES.en).length / 2);
  });

  it("names only paths that exist, in both languages", () => {
    for (const locale of ["en", "zh-CN"] as const) {
      for (const paths of Object.values(CLIENT_NAMESPACES)) {
        for (const path of paths) {
          const found = path.split(".").reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], MESSAGES[locale]);
          expect(found, `${locale}: ${path}`).toBeDefined();
        }
      }
    }
  });

  it("gives the admin group the whole catalog of the admin modules", () => {
    const admin = clientMessages("zh-CN", "admin") as unknown as Record<string, unknown>;
    expect(admin.admin).toEqual(MESSAGES["zh-CN"].admin);
    expect(admin.payment).toEqual(MESSAGES["zh-CN"].payment);
    expect(admin.auth).toBeUndefined();
  });
});
