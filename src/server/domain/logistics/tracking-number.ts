/**
 * Carrier tracking numbers: a prefix, a body of digits, a check digit and an optional suffix,
 * e.g. SW 5820 1937 4461 8 (Luhn) or EA 1234 5678 5 CN (UPU S10, the format China Post's EMS
 * uses). Bodies are a bijective scramble of a database sequence value, so numbers look random,
 * are unique per format without retries, and carry no guessable order.
 */
export const CHECK_ALGORITHMS = ["luhn", "s10", "mod10_31", "mod7"] as const;
export type CheckAlgorithm = (typeof CHECK_ALGORITHMS)[number];

export type TrackingFormat = {
  prefix: string;
  /** Digits before the check digit. */
  bodyLength: number;
  checkAlgorithm: CheckAlgorithm;
  suffix: string;
};

/** Luhn (ISO/IEC 7812): double every second digit from the right of body+check. */
export function luhnCheckDigit(body: string): number {
  let sum = 0;
  for (let i = 0; i < body.length; i++) {
    let d = Number(body[body.length - 1 - i]);
    if (i % 2 === 0) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return (10 - (sum % 10)) % 10;
}

/** UPU S10: weights 8 6 4 2 3 5 9 7 over eight digits; 11 − sum mod 11, where 10 → 0 and 11 → 5. */
export function s10CheckDigit(body: string): number {
  const weights = [8, 6, 4, 2, 3, 5, 9, 7];
  if (body.length !== 8) throw new RangeError("S10 bodies have eight digits");
  const sum = [...body].reduce((acc, ch, i) => acc + Number(ch) * weights[i]!, 0);
  const check = 11 - (sum % 11);
  return check === 10 ? 0 : check === 11 ? 5 : check;
}

/** GS1 style: weights 3,1,3,1… from the rightmost body digit; (10 − sum mod 10) mod 10. */
export function mod10w31CheckDigit(body: string): number {
  let sum = 0;
  for (let i = 0; i < body.length; i++) sum += Number(body[body.length - 1 - i]) * (i % 2 === 0 ? 3 : 1);
  return (10 - (sum % 10)) % 10;
}

/** The body read as a number, mod 7 (computed digit by digit, so long bodies stay exact). */
export function mod7CheckDigit(body: string): number {
  let rest = 0;
  for (const ch of body) rest = (rest * 10 + Number(ch)) % 7;
  return rest;
}

export function checkDigit(algorithm: CheckAlgorithm, body: string): number {
  switch (algorithm) {
    case "luhn":
      return luhnCheckDigit(body);
    case "s10":
      return s10CheckDigit(body);
    case "mod10_31":
      return mod10w31CheckDigit(body);
    case "mod7":
      return mod7CheckDigit(body);
  }
}

/** A regular expression matching exactly the numbers of this format (check digit not verified). */
export function trackingPattern(format: TrackingFormat): RegExp {
  return new RegExp(`^${format.prefix}(\\d{${format.bodyLength}})(\\d)${format.suffix}$`);
}

function modPow10(n: number): bigint {
  return 10n ** BigInt(n);
}

/** Scrambles a serial into a body of `length` digits: (serial × odd multiplier + offset) mod 10^length. */
export function scrambleSerial(serial: number, length: number, salt: number): string {
  const modulus = modPow10(length);
  // 7_919_609 is odd and not a multiple of 5, hence invertible mod 10^n: distinct serials give distinct bodies.
  const value = (BigInt(serial) * 7_919_609n + BigInt(salt) * 104_729n + 1_000_003n) % modulus;
  return value.toString().padStart(length, "0");
}

/** The tracking number for a serial (a sequence value) in a carrier's format. */
export function formatTrackingNumber(format: TrackingFormat, serial: number, salt = 0): string {
  const body = scrambleSerial(serial, format.bodyLength, salt);
  return `${format.prefix}${body}${checkDigit(format.checkAlgorithm, body)}${format.suffix}`;
}

/** True when the number has the format's shape and a correct check digit. */
export function isValidTrackingNumber(format: TrackingFormat, value: string): boolean {
  const match = trackingPattern(format).exec(value.trim().toUpperCase());
  if (!match) return false;
  return checkDigit(format.checkAlgorithm, match[1]!) === Number(match[2]);
}

/** Upper-cases and drops spaces and dashes people type in tracking numbers. */
export function normaliseTrackingNumber(value: string): string {
  return value.replace(/[\s-]/g, "").toUpperCase();
}
