import { describe, expect, it, vi } from "vitest";
import { DomainError, isDomainError } from "@/server/errors";
import { ProviderRejectedError, ProviderTimeoutError, isProviderRejectedError, isProviderTimeoutError } from "./payment-provider";

/**
 * Errors are recognised by kind, not class: an error made by another copy of its module (a
 * bundler's duplicate, a provider adapter from another package) must still be recognised.
 */
describe("error recognition across module copies", () => {
  it("recognises provider and domain errors made by another copy of their module, where instanceof fails", async () => {
    vi.resetModules();
    const otherProvider = await import("./payment-provider");
    const otherErrors = await import("@/server/errors");
    expect(otherProvider.ProviderTimeoutError).not.toBe(ProviderTimeoutError);

    const timeout = new otherProvider.ProviderTimeoutError();
    const rejected = new otherProvider.ProviderRejectedError("card_declined", "Your card was declined.");
    const domain = new otherErrors.DomainError("PAYMENT_CLOSED", "This payment was cancelled");
    // The trap the old checks fell into:
    // eslint-disable-next-line no-restricted-syntax -- demonstrates why instanceof is forbidden
    expect(timeout instanceof ProviderTimeoutError).toBe(false);

    expect(isProviderTimeoutError(timeout)).toBe(true);
    expect(isProviderRejectedError(rejected)).toBe(true);
    expect(isProviderRejectedError(rejected) && rejected.code).toBe("card_declined");
    expect(isDomainError(domain)).toBe(true);
    expect(isDomainError(domain, "PAYMENT_CLOSED")).toBe(true);
    expect(isDomainError(domain, "PAYMENT_EXPIRED")).toBe(false);
  });

  it("tells the kinds apart and refuses look-alikes", () => {
    expect(isProviderTimeoutError(new ProviderRejectedError("x", "y"))).toBe(false);
    expect(isProviderRejectedError(new ProviderTimeoutError())).toBe(false);
    expect(isDomainError(new ProviderTimeoutError())).toBe(false);
    expect(isDomainError(new Error("ProviderTimeoutError"))).toBe(false);
    expect(isDomainError({ kind: "domain_error", code: "NOT_A_CODE" })).toBe(false);
    expect(isDomainError(null)).toBe(false);
    expect(isProviderTimeoutError(undefined)).toBe(false);
    expect(isDomainError(new DomainError("NOT_FOUND", "gone"), "NOT_FOUND")).toBe(true);
  });
});
