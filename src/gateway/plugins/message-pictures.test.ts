import { encode } from "next-auth/jwt";
import { and, eq } from "drizzle-orm";
import sharp from "sharp";
import { beforeAll, describe, expect, it } from "vitest";
import { authSecret } from "@/env";
import { getDb } from "@/server/db/client";
import { notifications, shopMessagePictures, shopMessagePosts, shopMessages } from "@/server/db/schema";
import { createAdmin, createShopper } from "../../../test/fixtures";
import { gatewayFetch } from "../../../test/gateway-fixtures";

type Signed = Awaited<ReturnType<typeof createAdmin>>;
type Thread = { id: string; status: string; posts: { author: string; body: string; pictures: { id: string; thumbUrl: string; largeUrl: string }[] }[] };
type Refusal = { error: { code: string; fieldErrors?: Record<string, string[]>; params?: Record<string, string | number> } };

const cookieFor = async ({ session, user }: Signed) =>
  `next-auth.session-token=${await encode({ token: { sid: session.sessionId, uid: user.id }, secret: authSecret(), maxAge: 3600 })}`;

const png = (width: number, height: number, background = "#2a9d8f") => sharp({ create: { width, height, channels: 3, background } }).png().toBuffer();

/** A browser's post: the text fields and the pictures as one multipart form, from the shop's own origin. */
function send(path: string, { cookie, fields = {}, pictures = [] }: { cookie?: string; fields?: Record<string, string>; pictures?: { bytes: Buffer; name?: string; type?: string }[] }) {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  for (const p of pictures) form.append("pictures", new Blob([new Uint8Array(p.bytes)], { type: p.type ?? "image/png" }), p.name ?? "photo.png");
  return gatewayFetch(new Request(`http://localhost${path}`, { method: "POST", body: form, headers: { host: "localhost", origin: "http://localhost", ...(cookie ? { cookie } : {}) } }));
}

const get = (path: string, cookie?: string) => gatewayFetch(new Request(`http://localhost${path}`, { headers: { host: "localhost", ...(cookie ? { cookie } : {}) } }));

const messagesOf = (userId: string) => getDb().select().from(shopMessages).where(eq(shopMessages.userId, userId));

let admin: Signed;
let adminCookie: string;
let shopper: Signed;
let shopperCookie: string;
let otherCookie: string;
beforeAll(async () => {
  admin = await createAdmin();
  adminCookie = await cookieFor(admin);
  shopper = await createShopper();
  shopperCookie = await cookieFor(shopper);
  otherCookie = await cookieFor(await createShopper());
});

describe("pictures in customer messages", () => {
  it("a shopper writes with two pictures; they are stored with the post, audited, and served to the shopper and admins only", async () => {
    const answer = await send("/api/messages", {
      cookie: shopperCookie,
      fields: { type: "after_sale", body: "The lid arrived cracked, photos attached" },
      pictures: [{ bytes: await png(1200, 900) }, { bytes: await sharp({ create: { width: 300, height: 600, channels: 3, background: "#e76f51" } }).jpeg().toBuffer(), name: "side.jpg", type: "image/jpeg" }],
    });
    expect(answer.status).toBe(200);
    const thread = (await answer.json()) as Thread;
    expect(thread.posts).toHaveLength(1);
    const [first, second] = thread.posts[0]!.pictures;
    expect(thread.posts[0]!.pictures).toHaveLength(2);
    expect(first!.thumbUrl).toBe(`/api/messages/pictures/${first!.id}-thumb.webp`);

    const rows = await getDb().select().from(shopMessagePictures).where(eq(shopMessagePictures.messageId, thread.id));
    expect(rows.map((r) => [r.id, r.position, r.createdBy])).toEqual([
      [first!.id, 0, shopper.user.id],
      [second!.id, 1, shopper.user.id],
    ]);
    expect(rows[0]!.requestId).toEqual(expect.any(String));

    for (const [url, side] of [[first!.thumbUrl, 400], [first!.largeUrl, 800]] as const) {
      const own = await get(url, shopperCookie);
      expect(own.status).toBe(200);
      expect(own.headers.get("content-type")).toBe("image/webp");
      expect(own.headers.get("cache-control")).toMatch(/^private/);
      const meta = await sharp(Buffer.from(await own.arrayBuffer())).metadata();
      expect([meta.format, meta.width, meta.height]).toEqual(["webp", side, side]);
      expect((await get(url, adminCookie)).status).toBe(200);
      // Another shopper cannot tell the picture exists; nobody signed out can read it.
      expect((await get(url, otherCookie)).status).toBe(404);
      expect((await get(url)).status).toBe(401);
    }
    expect((await get("/api/messages/pictures/00000000-0000-4000-8000-000000000000-thumb.webp", adminCookie)).status).toBe(404);
    expect((await get(`/api/messages/pictures/${first!.id}-huge.webp`, adminCookie)).status).toBe(404);

    // The JSON read shows the same pictures (GET /api/v1/messages/{id} and the page read this).
    const read = await shopper.caller.message.byId({ id: thread.id });
    expect(read.posts[0]!.pictures.map((p) => p.id)).toEqual([first!.id, second!.id]);
  });

  it("the admin replies with a picture: the shopper sees it and is notified, in the same transaction", async () => {
    const created = (await (await send("/api/messages", { cookie: shopperCookie, fields: { type: "question", body: "Which colour is this?" } })).json()) as Thread;
    expect(created.posts[0]!.pictures).toEqual([]);
    const answer = await send(`/api/admin/messages/${created.id}/replies`, { cookie: adminCookie, fields: { body: "This one, see the photo" }, pictures: [{ bytes: await png(640, 480, "#264653") }] });
    expect(answer.status).toBe(200);
    const replied = (await answer.json()) as Thread;
    expect(replied.status).toBe("answered");
    const picture = replied.posts[1]!.pictures[0]!;
    const [row] = await getDb().select().from(shopMessagePictures).where(eq(shopMessagePictures.id, picture.id));
    expect(row).toMatchObject({ createdBy: admin.user.id, position: 0 });
    const seen = await shopper.caller.message.byId({ id: created.id });
    expect(seen.posts.map((p) => [p.author, p.pictures.length])).toEqual([["shopper", 0], ["admin", 1]]);
    expect((await get(picture.thumbUrl, shopperCookie)).status).toBe(200);
    const notes = await getDb().select().from(notifications).where(and(eq(notifications.userId, shopper.user.id), eq(notifications.kind, "message_replied")));
    expect(notes.some((n) => (n.params as { messageId?: string }).messageId === created.id)).toBe(true);

    // The shopper's follow-up with a picture; another shopper's follow-up is a 404 and writes nothing.
    const followUp = await send(`/api/messages/${created.id}/replies`, { cookie: shopperCookie, fields: { body: "Thanks! Mine looks like this" }, pictures: [{ bytes: await png(100, 100) }] });
    expect(followUp.status).toBe(200);
    expect(((await followUp.json()) as Thread).posts[2]!.pictures).toHaveLength(1);
    const intruder = await send(`/api/messages/${created.id}/replies`, { cookie: otherCookie, fields: { body: "hello" }, pictures: [{ bytes: await png(100, 100) }] });
    expect(intruder.status).toBe(404);
    expect(await getDb().select().from(shopMessagePosts).where(eq(shopMessagePosts.messageId, created.id))).toHaveLength(3);
    // A shopper cannot post as the shop.
    expect((await send(`/api/admin/messages/${created.id}/replies`, { cookie: shopperCookie, fields: { body: "I am the shop" } })).status).toBe(403);
  });

  it("refuses a file that is not an image, one over 5 MB and a fifth picture with a field error, and writes nothing", async () => {
    const refusal = async (answer: Response) => {
      expect(answer.status).toBe(400);
      return (await answer.json()) as Refusal;
    };
    const fresh = await createShopper();
    const cookie = await cookieFor(fresh);
    const fields = { type: "complaint", body: "See the pictures" };
    const good = await png(200, 200);

    const text = await refusal(await send("/api/messages", { cookie, fields, pictures: [{ bytes: good }, { bytes: Buffer.from("hello, I am plain text\n"), name: "photo.png" }] }));
    expect(text.error).toMatchObject({ code: "VALIDATION_FAILED", fieldErrors: { pictures: [expect.any(String)] }, params: { imageProblem: "not_an_image", picture: 2 } });

    // Noise does not compress: a real PNG of about 6.8 MB, over the limit, cut off while streaming.
    const big = await sharp({ create: { width: 1500, height: 1500, channels: 3, background: "#000", noise: { type: "gaussian", mean: 128, sigma: 60 } } }).png({ compressionLevel: 0 }).toBuffer();
    expect(big.length).toBeGreaterThan(5 * 1024 * 1024);
    const large = await refusal(await send("/api/messages", { cookie, fields, pictures: [{ bytes: big }] }));
    expect(large.error).toMatchObject({ code: "VALIDATION_FAILED", fieldErrors: { pictures: [expect.any(String)] }, params: { imageProblem: "too_many_bytes" } });

    const five = await refusal(await send("/api/messages", { cookie, fields, pictures: Array.from({ length: 5 }, () => ({ bytes: good })) }));
    expect(five.error).toMatchObject({ code: "VALIDATION_FAILED", fieldErrors: { pictures: [expect.any(String)] }, params: { imageProblem: "too_many_files", maxPictures: 4 } });

    // Good pictures with a bad text are refused on the text, and nothing is written either.
    const empty = await refusal(await send("/api/messages", { cookie, fields: { type: "complaint", body: "" }, pictures: [{ bytes: good }] }));
    expect(empty.error.fieldErrors).toMatchObject({ body: [expect.any(String)] });
    expect(await messagesOf(fresh.user.id)).toHaveLength(0);

    // The same rules on a follow-up and on the shop's reply: the conversation is left as it was.
    const thread = (await (await send("/api/messages", { cookie, fields, pictures: Array.from({ length: 4 }, () => ({ bytes: good })) })).json()) as Thread;
    expect(thread.posts[0]!.pictures).toHaveLength(4);
    expect((await refusal(await send(`/api/messages/${thread.id}/replies`, { cookie, fields: { body: "more" }, pictures: [{ bytes: Buffer.from("GIF89a not really") }] }))).error.params).toMatchObject({ imageProblem: "not_an_image" });
    expect((await refusal(await send(`/api/admin/messages/${thread.id}/replies`, { cookie: adminCookie, fields: { body: "ok" }, pictures: Array.from({ length: 5 }, () => ({ bytes: good })) }))).error.params).toMatchObject({ imageProblem: "too_many_files" });
    expect(await getDb().select().from(shopMessagePosts).where(eq(shopMessagePosts.messageId, thread.id))).toHaveLength(1);
    expect(await getDb().select().from(shopMessagePictures).where(eq(shopMessagePictures.messageId, thread.id))).toHaveLength(4);
    expect((await messagesOf(fresh.user.id))[0]!.status).toBe("open");
  });
});
