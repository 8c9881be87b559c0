import { z } from "zod";
import { defineSettings } from "@/server/domain/settings";
import { PAYMENT_METHODS, type PaymentMethod } from "./payment.machine";
import { issue } from "@/lib/validation/field-issue";

const ZPercent = z.number().int("Use a whole percentage").min(0, "At least 0%").max(100, "At most 100%");

const ZLatency = z
  .object({
    minMs: z.number().int().min(0, "At least 0 ms").max(30_000, "At most 30000 ms"),
    maxMs: z.number().int().min(0, "At least 0 ms").max(30_000, "At most 30000 ms"),
  })
  .refine((v) => v.minMs <= v.maxMs, { ...issue("min_above_max", "The minimum must not exceed the maximum"), path: ["maxMs"] });

const ZMethodSettings = z.object({
  enabled: z.boolean(),
  /** Percentage of attempts the simulated gateway approves; null follows the global rate. */
  successPercent: ZPercent.nullable(),
  latency: ZLatency,
});

const METHOD_DEFAULTS: Record<PaymentMethod, z.input<typeof ZMethodSettings>> = {
  alipay: { enabled: true, successPercent: null, latency: { minMs: 80, maxMs: 250 } },
  wechat_pay: { enabled: true, successPercent: null, latency: { minMs: 80, maxMs: 250 } },
  card: { enabled: true, successPercent: null, latency: { minMs: 150, maxMs: 500 } },
  balance: { enabled: true, successPercent: null, latency: { minMs: 30, maxMs: 120 } },
};

/**
 * Configuration of payments and of the simulated gateway (Admin → Settings → Payments).
 * Every field has a default; changes are validated and logged with who and when by the
 * settings store. Rates are whole percentages so no float ever reaches a form.
 */
export const ZPaymentSettings = z.object({
  /** The order's payment window in simulated minutes (scaled by the simulation time scale). */
  ttlMinutes: z.number().int("Use whole minutes").min(1, "At least 1 minute").max(1440, "At most 1440 minutes (a day)").default(30),
  /** Global approval rate of the simulated gateway; a method may override it. */
  successPercent: ZPercent.default(100),
  methods: z
    .object({
      alipay: ZMethodSettings.default(METHOD_DEFAULTS.alipay),
      wechat_pay: ZMethodSettings.default(METHOD_DEFAULTS.wechat_pay),
      card: ZMethodSettings.default(METHOD_DEFAULTS.card),
      balance: ZMethodSettings.default(METHOD_DEFAULTS.balance),
    })
    .default({ ...METHOD_DEFAULTS })
    .refine((m) => PAYMENT_METHODS.some((method) => m[method].enabled), issue("payment_method_required", "Enable at least one payment method")),
  /** Share of charges whose response is lost after the gateway charged (the ambiguous timeout). */
  ambiguousTimeoutPercent: ZPercent.default(0),
  /** How long the gateway takes to settle a refund, in simulated seconds. */
  refundDelaySeconds: z.number().int("Use whole seconds").min(0, "At least 0 seconds").max(86_400, "At most a day").default(10),
  refundFailurePercent: ZPercent.default(0),
  /** Draw simulated outcomes from the simulation seed (reproducible) instead of fresh randomness. */
  useSeed: z.boolean().default(true),
});
export type PaymentSettings = z.infer<typeof ZPaymentSettings>;
export type PaymentSettingsInput = z.input<typeof ZPaymentSettings>;

export const paymentSettings = defineSettings("payment", ZPaymentSettings);

export function enabledMethods(settings: PaymentSettings): PaymentMethod[] {
  return PAYMENT_METHODS.filter((method) => settings.methods[method].enabled);
}

/** The approval rate that applies to a method, 0–100. */
export function successPercentFor(settings: PaymentSettings, method: PaymentMethod): number {
  return settings.methods[method].successPercent ?? settings.successPercent;
}

/**
 * Applies an admin's change to the payment settings: per-method settings are merged method by
 * method (a patch for one method never resets the others), then the whole is validated and
 * logged with who and when by the settings store.
 */
export async function updatePaymentSettings(
  db: Parameters<typeof paymentSettings.update>[0],
  { patch, changedBy }: { patch: Record<string, unknown>; changedBy: string | null },
): Promise<PaymentSettings> {
  const current = await paymentSettings.get(db);
  const methods = patch.methods && typeof patch.methods === "object" ? (patch.methods as Record<string, Record<string, unknown>>) : undefined;
  const merged: Record<string, unknown> = { ...patch };
  if (methods) {
    merged.methods = Object.fromEntries(PAYMENT_METHODS.map((m) => [m, { ...current.methods[m], ...(methods[m] ?? {}) }]));
  }
  return paymentSettings.update(db, merged as Partial<PaymentSettingsInput>, changedBy);
}

