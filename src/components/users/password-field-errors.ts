import { passwordProblemOf } from "@/lib/password-policy";

type Translate = (key: "policy.tooShort" | "policy.tooLong" | "policy.tooSimple" | "policy.tooCommon" | "policy.containsEmail" | "policy.wrongCurrent" | "policy.enterCurrent") => string;

const OTHER_MESSAGES: Record<string, "policy.wrongCurrent" | "policy.enterCurrent"> = {
  "The current password is not right": "policy.wrongCurrent",
  "Enter your current password": "policy.enterCurrent",
};

/** A server field message about a password, in the reader's language (unknown ones as sent). */
export function passwordFieldMessage(message: string | undefined, t: Translate): string | undefined {
  if (!message) return undefined;
  const problem = passwordProblemOf(message);
  if (problem) return t(`policy.${problem}`);
  const other = OTHER_MESSAGES[message];
  return other ? t(other) : message;
}
