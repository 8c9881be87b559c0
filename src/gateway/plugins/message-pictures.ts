import multipart from "@fastify/multipart";
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from "fastify";
import { ZodError, z } from "zod";
import { getDb } from "@/server/db/client";
import { PRODUCT_IMAGE_MAX_BYTES, imageRefused } from "@/server/domain/catalog";
import {
  MESSAGE_PICTURE_FIELD,
  createMessage,
  postShopperMessage,
  prepareMessagePictures,
  readMessagePicture,
  replyToMessage,
  tooManyPictures,
  type PreparedMessagePicture,
} from "@/server/domain/message";
import type { SessionUser } from "@/server/domain/user";
import { DOMAIN_ERROR_HTTP, DomainError, isDomainError } from "@/server/errors";
import { MESSAGE_PICTURE_MAX } from "@/lib/message-picture";

/** `<uuid>-thumb.webp` or `<uuid>-large.webp`. */
const PICTURE_FILE = /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})-(thumb|large)\.webp$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** The text fields a message form sends beside its pictures. */
const TEXT_FIELDS = ["type", "orderId", "body"] as const;
/** Bytes per text field: far above the 2000 characters a post may have, so only a hostile form is cut. */
const FIELD_BYTES = 64 * 1024;
const STATUS: Record<string, number> = { BAD_REQUEST: 400, UNAUTHORIZED: 401, FORBIDDEN: 403, NOT_FOUND: 404, CONFLICT: 409, TOO_MANY_REQUESTS: 429 };
/** A picture is private to its conversation: browsers may keep it, shared caches may not. */
const PRIVATE = "private, max-age=3600";

type ErrorBody = { error: { code: string; message: string; fieldErrors?: Record<string, string[]>; params?: Record<string, string | number> } };
const fail = (reply: FastifyReply, status: number, error: ErrorBody["error"]) => reply.code(status).send({ error } satisfies ErrorBody);

function sendError(reply: FastifyReply, error: unknown) {
  if (isDomainError(error)) return fail(reply, STATUS[DOMAIN_ERROR_HTTP[error.code]] ?? 409, { code: error.code, message: error.message, fieldErrors: error.fieldErrors, params: error.params });
  if (error instanceof ZodError) {
    return fail(reply, 400, { code: "VALIDATION_FAILED", message: "Some fields are not valid", fieldErrors: z.flattenError(error).fieldErrors as Record<string, string[]> });
  }
  throw error;
}

/**
 * The form of a post: its text fields and its pictures' bytes. An empty file part (a file
 * field left empty) is no picture. Too many files, a file over the size limit or a cut text
 * field are refusals on their field, raised before anything is decoded or written.
 */
async function readPostForm(request: FastifyRequest): Promise<{ fields: Partial<Record<(typeof TEXT_FIELDS)[number], string>>; files: Buffer[] }> {
  const fields: Partial<Record<(typeof TEXT_FIELDS)[number], string>> = {};
  const files: Buffer[] = [];
  if (!request.isMultipart()) throw new DomainError("VALIDATION_FAILED", "Send the message as multipart/form-data", { body: ["Send the message as multipart/form-data"] });
  try {
    for await (const part of request.parts()) {
      if (part.type === "file") {
        if (part.fieldname !== MESSAGE_PICTURE_FIELD) {
          await part.toBuffer();
          continue;
        }
        const bytes = await part.toBuffer();
        if (bytes.length === 0 && !part.filename) continue;
        files.push(bytes);
        continue;
      }
      const name = TEXT_FIELDS.find((f) => f === part.fieldname);
      if (!name) continue;
      if (part.valueTruncated) throw new DomainError("VALIDATION_FAILED", `${name} is too long`, { [name]: [`${name} is too long`] });
      fields[name] = String(part.value);
    }
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (code === "FST_REQ_FILE_TOO_LARGE") throw imageRefused("too_many_bytes", MESSAGE_PICTURE_FIELD);
    if (code === "FST_FILES_LIMIT" || code === "FST_PARTS_LIMIT") throw tooManyPictures();
    throw error;
  }
  return { fields, files };
}

/** The signed-in caller of the role `role` (any role when omitted), or the answer already sent. */
function caller(request: FastifyRequest, reply: FastifyReply, role?: "admin"): SessionUser | null {
  if (request.sessionError) {
    void reply.code(503).header("retry-after", "5").send({ error: { code: "UNAVAILABLE", message: "Please try again in a moment" } });
    return null;
  }
  if (!request.session) {
    void fail(reply, 401, { code: "UNAUTHORIZED", message: "Sign in first" });
    return null;
  }
  if (role && request.session.role !== role) {
    void fail(reply, 403, { code: "FORBIDDEN", message: "Only an admin may reply for the shop" });
    return null;
  }
  return request.session;
}

/** Reads the form, checks and renders its pictures (nothing is written until all of them pass). */
async function postForm(request: FastifyRequest): Promise<{ fields: Partial<Record<(typeof TEXT_FIELDS)[number], string>>; pictures: PreparedMessagePicture[] }> {
  const { fields, files } = await readPostForm(request);
  return { fields, pictures: await prepareMessagePictures(files) };
}

/**
 * Customer messages with pictures at the edge, beside product images and in the same way: a
 * message, a follow-up or the shop's reply sent as multipart (`type`, `orderId`, `body` and up to
 * MESSAGE_PICTURE_MAX files named `pictures`, each ≤ 5 MB) to
 * `POST /api/messages`, `POST /api/messages/:id/replies` (the shopper's own conversation) and
 * `POST /api/admin/messages/:id/replies` (admins). The bytes go to the message module, which
 * checks and renders them with the product image pipeline and writes the post, its pictures
 * and (for a reply) the notification in one transaction; a refusal is a 400 with a field
 * message on `pictures` and writes nothing. The answer is the conversation as
 * `/api/v1/messages/{id}` returns it. `GET /api/messages/pictures/<id>-{thumb,large}.webp` serves
 * a picture to the conversation's shopper and to admins; anyone else gets a 404.
 */
const messagePictures: FastifyPluginAsync = async (app) => {
  // Encapsulated (not wrapped in fastify-plugin): the multipart parser applies to these routes only.
  await app.register(multipart, {
    limits: { fileSize: PRODUCT_IMAGE_MAX_BYTES, files: MESSAGE_PICTURE_MAX, fields: TEXT_FIELDS.length, fieldSize: FIELD_BYTES, parts: MESSAGE_PICTURE_MAX + TEXT_FIELDS.length },
  });

  app.post("/api/messages", async (request, reply) => {
    const session = caller(request, reply);
    if (!session) return reply;
    try {
      const { fields, pictures } = await postForm(request);
      const input = { type: fields.type as never, orderId: fields.orderId || undefined, body: fields.body ?? "" };
      return reply.code(200).send(await createMessage(getDb(), { userId: session.id, input, pictures, requestId: String(request.id) }));
    } catch (error) {
      return sendError(reply, error);
    }
  });

  app.post<{ Params: { id: string } }>("/api/messages/:id/replies", async (request, reply) => {
    const session = caller(request, reply);
    if (!session) return reply;
    if (!UUID.test(request.params.id)) return fail(reply, 404, { code: "MESSAGE_NOT_FOUND", message: "Message not found" });
    try {
      const { fields, pictures } = await postForm(request);
      const input = { id: request.params.id, body: fields.body ?? "" };
      return reply.code(200).send(await postShopperMessage(getDb(), { userId: session.id, input, pictures, requestId: String(request.id) }));
    } catch (error) {
      return sendError(reply, error);
    }
  });

  app.post<{ Params: { id: string } }>("/api/admin/messages/:id/replies", async (request, reply) => {
    const session = caller(request, reply, "admin");
    if (!session) return reply;
    if (!UUID.test(request.params.id)) return fail(reply, 404, { code: "MESSAGE_NOT_FOUND", message: "Message not found" });
    try {
      const { fields, pictures } = await postForm(request);
      const input = { id: request.params.id, body: fields.body ?? "" };
      return reply.code(200).send(await replyToMessage(getDb(), { adminId: session.id, input, pictures, requestId: String(request.id) }));
    } catch (error) {
      return sendError(reply, error);
    }
  });

  app.get<{ Params: { file: string } }>("/api/messages/pictures/:file", async (request, reply) => {
    const session = caller(request, reply);
    if (!session) return reply;
    const match = PICTURE_FILE.exec(request.params.file);
    const notFound = () => fail(reply, 404, { code: "NOT_FOUND", message: "No such picture" });
    if (!match) return notFound();
    const [, id, size] = match as unknown as [string, string, "thumb" | "large"];
    const bytes = await readMessagePicture(getDb(), { id, size, viewer: { userId: session.id, role: session.role } });
    if (!bytes) return notFound();
    return reply.header("content-type", "image/webp").header("cache-control", PRIVATE).header("x-content-type-options", "nosniff").send(bytes);
  });
};

export default messagePictures;
