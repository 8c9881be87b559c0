import { describe, expect, it } from "vitest";
import { ZPaymentSettings } from "../payment.settings";
import { simulatorConfigFrom } from "./simulator-config";

describe("simulated gateway configuration", () => {
  const settings = ZPaymentSettings.parse({});

  it("answers with the configured latency in real time", () => {
    const config = simulatorConfigFrom(settings, { seed: 1, timeScale: 1 });
    expect(config.latency("card")).toEqual(settings.methods.card.latency);
    expect(config.refundDelayMs).toBe(settings.refundDelaySeconds * 1000);
  });

  it("shrinks the latency by the time scale, like the refund delay", () => {
    const config = simulatorConfigFrom(settings, { seed: 1, timeScale: 100 });
    const { minMs, maxMs } = settings.methods.card.latency;
    expect(config.latency("card")).toEqual({ minMs: Math.round(minMs / 100), maxMs: Math.round(maxMs / 100) });
    expect(simulatorConfigFrom(settings, { seed: 1, timeScale: 100_000 }).latency("card")).toEqual({ minMs: 0, maxMs: 0 });
  });
});
