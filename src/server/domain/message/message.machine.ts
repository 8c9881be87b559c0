import { DomainError } from "@/server/errors";

/**
 * A conversation is open (waiting for the shop), answered (waiting for the shopper, who may
 * write again) or closed (by either side; nobody writes to it any more).
 */
export const MESSAGE_STATUSES = ["open", "answered", "closed"] as const;
export type MessageStatus = (typeof MESSAGE_STATUSES)[number];
export type MessageEvent = "shopper_post" | "admin_reply" | "close";

export const MESSAGE_TRANSITIONS: Record<MessageStatus, Partial<Record<MessageEvent, MessageStatus>>> = {
  open: { shopper_post: "open", admin_reply: "answered", close: "closed" },
  answered: { shopper_post: "open", admin_reply: "answered", close: "closed" },
  closed: {},
};

/** The status after `event`, or INVALID_TRANSITION (a closed conversation takes nothing). */
export function nextMessageStatus(from: MessageStatus, event: MessageEvent): MessageStatus {
  const to = MESSAGE_TRANSITIONS[from][event];
  if (!to) throw new DomainError("INVALID_TRANSITION", `A ${from} conversation cannot take ${event}`, undefined, { params: { from, event } });
  return to;
}
