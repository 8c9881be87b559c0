import { describe, expect, it } from "vitest";
import { MESSAGE_STATUSES, nextMessageStatus, type MessageEvent } from "./message.machine";

describe("message status machine", () => {
  it("answers the whole table", () => {
    const events: MessageEvent[] = ["shopper_post", "admin_reply", "close"];
    const table = MESSAGE_STATUSES.flatMap((from) =>
      events.map((event) => {
        try {
          return `${from}+${event}=${nextMessageStatus(from, event)}`;
        } catch (error) {
          return `${from}+${event}=${(error as { code: string }).code}`;
        }
      }),
    );
    expect(table).toEqual([
      "open+shopper_post=open",
      "open+admin_reply=answered",
      "open+close=closed",
      "answered+shopper_post=open",
      "answered+admin_reply=answered",
      "answered+close=closed",
      "closed+shopper_post=INVALID_TRANSITION",
      "closed+admin_reply=INVALID_TRANSITION",
      "closed+close=INVALID_TRANSITION",
    ]);
  });
});
