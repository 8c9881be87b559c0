/**
 * Card numbers with a forced outcome, in the spirit of Stripe's test cards. Any other
 * well-formed number (Luhn-valid) follows the configured success rate.
 */
export type TestCardOutcome =
  | { kind: "succeed" }
  | { kind: "decline"; code: DeclineCode }
  | { kind: "ambiguous_timeout" };

export const DECLINE_CODES = ["insufficient_funds", "card_declined", "expired_card", "processing_error", "payer_declined", "payment_declined"] as const;
export type DeclineCode = (typeof DECLINE_CODES)[number];

/** What the simulated gateway says for each decline, as a real one would (the shop translates by code). */
export const DECLINE_MESSAGES: Record<DeclineCode, string> = {
  insufficient_funds: "Your card has insufficient funds.",
  card_declined: "Your card was declined.",
  expired_card: "Your card has expired.",
  processing_error: "An error occurred while processing your card. Try again.",
  payer_declined: "The payer declined the payment on their phone.",
  payment_declined: "The payment was declined by the wallet.",
};

export const TEST_CARDS = [
  { number: "4242424242424242", outcome: { kind: "succeed" } },
  { number: "4000000000009995", outcome: { kind: "decline", code: "insufficient_funds" } },
  { number: "4000000000000002", outcome: { kind: "decline", code: "card_declined" } },
  { number: "4000000000000069", outcome: { kind: "decline", code: "expired_card" } },
  { number: "4000000000000119", outcome: { kind: "decline", code: "processing_error" } },
  { number: "4000000000003063", outcome: { kind: "ambiguous_timeout" } },
  { number: "5555555555554444", outcome: null },
] as const satisfies readonly { number: string; outcome: TestCardOutcome | null }[];

export function normaliseCardNumber(input: string): string {
  return input.replace(/[\s-]/g, "");
}

/** Luhn checksum, the first thing any card form checks. */
export function isValidCardNumber(input: string): boolean {
  const digits = normaliseCardNumber(input);
  if (!/^\d{12,19}$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

export function forcedOutcomeFor(cardNumber: string): TestCardOutcome | null {
  const digits = normaliseCardNumber(cardNumber);
  return TEST_CARDS.find((card) => card.number === digits)?.outcome ?? null;
}
