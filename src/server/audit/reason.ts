import type { AuditReason } from "@/lib/audit-reasons";

/**
 * Why an actor did something, as audit rows keep it: `reason` is the system's code (rendered in
 * the reader's language), `note` is free text a person typed, stored as written.
 */
export type AuditWhy = { reason?: AuditReason | null; note?: string | null };

/** The reason columns of a status-log row (see auditReasonColumns). */
export function statusLogReason(why: AuditWhy) {
  return { reasonCode: why.reason?.code ?? null, reasonParams: why.reason?.params ?? null, reason: why.note ?? null };
}
