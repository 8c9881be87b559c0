"use client";

import { useTranslations } from "use-intl";
import { failureKey } from "@/lib/payment-ui";
import { paymentErrorData } from "@/trpc/payment-types";

const KNOWN_ERRORS = [
  "PAYMENT_EXPIRED",
  "PAYMENT_CLOSED",
  "ORDER_NOT_PAYABLE",
  "PAYMENT_METHOD_DISABLED",
  "PAYMENT_ALREADY_OPEN",
  "INVALID_TRANSITION",
  "REFUND_EXCEEDS_CAPTURED",
  "REFUND_NOT_ALLOWED",
  "REFUND_ITEM_NOT_IN_ORDER",
  "REFUND_ITEM_QUANTITY_EXCEEDED",
  "REFUND_AMOUNT_ABOVE_ITEMS",
  "IDEMPOTENCY_KEY_REUSED",
  "VALIDATION_FAILED",
  "WEBHOOK_URL_BLOCKED",
  "WEBHOOK_URL_INVALID",
] as const;
type KnownError = (typeof KNOWN_ERRORS)[number];

/** Translators for what the payment API says: error codes and failure codes. */
export function usePaymentText() {
  const t = useTranslations("payment");
  return {
    t,
    /** A translated message for a failed mutation (by our domain code), never a stack trace. */
    errorMessage(error: unknown): string {
      const code = paymentErrorData(error).domainCode;
      return code && (KNOWN_ERRORS as readonly string[]).includes(code) ? t(`errors.${code as KnownError}`) : t("errors.generic");
    },
    /** Why a payment or refund failed, in the reader's language. */
    failure(code: string | null | undefined): string {
      return t(`failure.${failureKey(code)}`);
    },
  };
}
