import { describe, expect, it } from "vitest";
import { CARRIERS } from "@/server/db/seed/logistics-data";
import { trackingFormatOf } from "./carrier.service";
import {
  checkDigit,
  formatTrackingNumber,
  isValidTrackingNumber,
  luhnCheckDigit,
  mod10w31CheckDigit,
  mod7CheckDigit,
  normaliseTrackingNumber,
  s10CheckDigit,
  type TrackingFormat,
} from "./tracking-number";

describe("check digits", () => {
  it("Luhn: the textbook example 7992739871 → 3", () => {
    expect(luhnCheckDigit("7992739871")).toBe(3);
    expect(luhnCheckDigit("0000000000")).toBe(0);
  });
  it("UPU S10: RB 47312482 9 GB, with 10 → 0 and 11 → 5", () => {
    // 4×8 + 7×6 + 3×4 + 1×2 + 2×3 + 4×5 + 8×9 + 2×7 = 200; 200 mod 11 = 2; 11 − 2 = 9
    expect(s10CheckDigit("47312482")).toBe(9);
    // 8×1 = 8 → 11 − 8 = 3
    expect(s10CheckDigit("10000000")).toBe(3);
    // weighted sum 0 → 11 − 0 = 11 → 5
    expect(s10CheckDigit("00000000")).toBe(5);
    // 7 × 8 = 56; 56 mod 11 = 1; 11 − 1 = 10 → 0
    expect(s10CheckDigit("00000008")).toBe(0);
    expect(() => s10CheckDigit("123")).toThrow(RangeError);
  });
  it("mod 10 with weights 3,1 (GS1): 629104150021 → 3", () => {
    expect(mod10w31CheckDigit("629104150021")).toBe(3);
  });
  it("mod 7 of the body read as a number, exact for long bodies", () => {
    expect(mod7CheckDigit("15")).toBe(1);
    expect(mod7CheckDigit("9999999999999")).toBe(Number(9_999_999_999_999n % 7n));
  });
});

describe("tracking numbers per seeded carrier", () => {
  const examples: Record<string, RegExp> = {
    SWIFT: /^SW\d{13}$/,
    ZTX: /^ZX\d{13}$/,
    YUNHAI: /^YH\d{14}$/,
    POSTX: /^EA\d{9}CN$/,
  };
  it.each(CARRIERS.map((c) => [c.code, c] as const))("%s: format, check digit, uniqueness and tamper detection", (code, carrier) => {
    const format = trackingFormatOf({ ...carrier, trackingSuffix: carrier.trackingSuffix ?? "" });
    const numbers = Array.from({ length: 500 }, (_, i) => formatTrackingNumber(format, i + 1, 7));
    for (const n of numbers) {
      expect(n).toMatch(examples[code]!);
      expect(isValidTrackingNumber(format, n)).toBe(true);
    }
    expect(new Set(numbers).size).toBe(numbers.length);
    // Changing any one body digit breaks the check digit (for Luhn, S10, GS1 and mod 7 alike a
    // single substitution is always caught, except mod 7 for a +/-7 change, which we avoid).
    const n = numbers[42]!;
    const bodyStart = format.prefix.length;
    const digit = Number(n[bodyStart + 2]);
    const tampered = n.slice(0, bodyStart + 2) + String((digit + 1) % 10) + n.slice(bodyStart + 3);
    expect(isValidTrackingNumber(format, tampered)).toBe(false);
  });

  it("rejects wrong prefixes, lengths and suffixes and reads spaced or lower-case input", () => {
    const s10: TrackingFormat = { prefix: "EA", bodyLength: 8, checkAlgorithm: "s10", suffix: "CN" };
    const n = formatTrackingNumber(s10, 123);
    expect(n).toMatch(/^EA\d{9}CN$/);
    expect(isValidTrackingNumber(s10, n.replace("EA", "EB"))).toBe(false);
    expect(isValidTrackingNumber(s10, n.replace("CN", "US"))).toBe(false);
    expect(isValidTrackingNumber(s10, n.slice(0, -3) + "CN")).toBe(false);
    expect(normaliseTrackingNumber(` ${n.slice(0, 5).toLowerCase()} ${n.slice(5)} `)).toBe(n);
    expect(checkDigit("s10", n.slice(2, 10))).toBe(Number(n[10]));
  });
});
