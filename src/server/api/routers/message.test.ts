import { describe, expect, it } from "vitest";
import { callerAs, createAdmin, createPendingOrder, createShopper } from "../../../../test/fixtures";

describe("shopper messages and the shop's inbox", () => {
  it("a shopper writes about their order, the shop replies and the shopper sees the reply and a notification", async () => {
    const { shopper, order } = await createPendingOrder();
    const admin = await createAdmin();
    const html = "<b>Where</b> is my parcel?";
    const thread = await shopper.caller.message.create({ type: "after_sale", orderId: order.id, body: html });
    expect(thread).toMatchObject({ status: "open", type: "after_sale", orderNo: order.orderNo, posts: [{ author: "shopper", body: html }] });

    const inbox = await admin.caller.adminMessage.list({ status: "open", type: "after_sale", q: "my parcel" });
    expect(inbox.items.map((m) => m.id)).toContain(thread.id);
    expect(inbox.items.find((m) => m.id === thread.id)).toMatchObject({ shopperEmail: shopper.user.email, preview: html });

    const replied = await admin.caller.adminMessage.reply({ id: thread.id, body: "It left Hangzhou today." });
    expect(replied).toMatchObject({ status: "answered", posts: [{ author: "shopper" }, { author: "admin", body: "It left Hangzhou today." }] });
    expect((await admin.caller.adminMessage.list({ status: "open" })).items.map((m) => m.id)).not.toContain(thread.id);

    const seen = await shopper.caller.message.byId({ id: thread.id });
    expect(seen.posts.at(-1)).toMatchObject({ author: "admin", body: "It left Hangzhou today." });
    const notes = await shopper.caller.notification.list({});
    expect(notes.items[0]).toMatchObject({ kind: "message_replied", params: { messageId: thread.id } });
    expect((await shopper.caller.notification.unreadCount()).count).toBeGreaterThanOrEqual(1);

    // The shopper follows up (back in the shop's queue), then the shop closes; a closed thread takes nothing more.
    await expect(shopper.caller.message.post({ id: thread.id, body: "Thanks!" })).resolves.toMatchObject({ status: "open" });
    await expect(admin.caller.adminMessage.close({ id: thread.id })).resolves.toEqual({ id: thread.id, status: "closed" });
    await expect(shopper.caller.message.post({ id: thread.id, body: "One more thing" })).rejects.toMatchObject({ code: "CONFLICT" });
    await expect(admin.caller.adminMessage.reply({ id: thread.id, body: "late" })).rejects.toMatchObject({ code: "CONFLICT" });
    expect((await shopper.caller.message.byId({ id: thread.id })).posts).toHaveLength(3);
  });

  it("keeps each shopper to their own conversations and orders, and refuses an empty text", async () => {
    const a = await createShopper();
    const b = await createPendingOrder();
    await expect(a.caller.message.create({ type: "complaint", orderId: b.order.id, body: "not mine" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(a.caller.message.create({ type: "question", body: "   " })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    const general = await b.shopper.caller.message.create({ type: "suggestion", body: "More green tea, please" });
    expect(general.orderId).toBeNull();
    await expect(a.caller.message.byId({ id: general.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(a.caller.message.post({ id: general.id, body: "hi" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(a.caller.message.close({ id: general.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect((await a.caller.message.list({})).total).toBe(0);
    await expect(b.shopper.caller.adminMessage.list({})).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(callerAs(null).message.list({})).rejects.toMatchObject({ code: "UNAUTHORIZED" });
  });
});
