import multipart from "@fastify/multipart";
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from "fastify";
import { getDb } from "@/server/db/client";
import { PRODUCT_IMAGE_MAX_BYTES, imageRefused, readProductImage, setProductImage } from "@/server/domain/catalog";
import { isDomainError, type DomainError } from "@/server/errors";

/** Hash-named renditions: `<32 hex>-grid.webp` or `<32 hex>-page.webp`. */
const IMAGE_FILE = /^([0-9a-f]{32})-(grid|page)\.webp$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** A URL names its content, so what it answers never changes: a year, immutable. */
const FOREVER = "public, max-age=31536000, immutable";

function sendDomainError(reply: FastifyReply, error: DomainError) {
  const status = error.code === "VALIDATION_FAILED" ? 400 : error.code === "PRODUCT_NOT_FOUND" ? 404 : 409;
  return reply.code(status).send({ error: { code: error.code, message: error.message, fieldErrors: error.fieldErrors, params: error.params } });
}

/** The upload's bytes, or a refusal: no file part, or more than the limit (counted while streaming). */
async function uploadedBytes(request: FastifyRequest): Promise<Buffer> {
  if (!request.isMultipart()) throw imageRefused("missing");
  const file = await request.file();
  if (!file) throw imageRefused("missing");
  try {
    return await file.toBuffer();
  } catch (error) {
    if ((error as { code?: unknown }).code === "FST_REQ_FILE_TOO_LARGE") throw imageRefused("too_many_bytes");
    throw error;
  }
}

/**
 * Product images at the edge. `POST /api/admin/products/:id/image` takes one multipart file
 * from an admin (the same-origin rule and identity apply as to every /api write), hands the
 * bytes to the catalog, which decodes, checks and stores them, and answers the new image URL
 * or a 400 with a field message on `image`. `GET /images/products/<hash>-<size>.webp` serves
 * the stored renditions with a year's cache: outside /api, so a grid of pictures is neither
 * rate limited nor authenticated.
 */
const productImages: FastifyPluginAsync = async (app) => {
  // Encapsulated (not wrapped in fastify-plugin): the multipart parser applies to these routes only.
  await app.register(multipart, { limits: { fileSize: PRODUCT_IMAGE_MAX_BYTES, files: 1, fields: 0, parts: 1 } });

  app.post<{ Params: { id: string } }>("/api/admin/products/:id/image", async (request, reply) => {
    if (request.sessionError) return reply.code(503).header("retry-after", "5").send({ error: { code: "UNAVAILABLE", message: "Please try again in a moment" } });
    if (!request.session) return reply.code(401).send({ error: { code: "UNAUTHORIZED", message: "Sign in first" } });
    if (request.session.role !== "admin") return reply.code(403).send({ error: { code: "FORBIDDEN", message: "Only an admin may change products" } });
    if (!UUID.test(request.params.id)) return reply.code(404).send({ error: { code: "PRODUCT_NOT_FOUND", message: "Product not found" } });
    try {
      const bytes = await uploadedBytes(request);
      const result = await setProductImage(getDb(), { productId: request.params.id, bytes, by: { userId: request.session.id, requestId: request.id } });
      return reply.code(200).send(result);
    } catch (error) {
      if (isDomainError(error)) return sendDomainError(reply, error);
      throw error;
    }
  });

  app.get<{ Params: { file: string } }>("/images/products/:file", async (request, reply) => {
    const match = IMAGE_FILE.exec(request.params.file);
    if (!match) return reply.code(404).send({ error: { code: "NOT_FOUND", message: "No such image" } });
    const [, hash, size] = match as unknown as [string, string, "grid" | "page"];
    const etag = `"${hash}-${size}"`;
    if (request.headers["if-none-match"] === etag) return reply.code(304).header("etag", etag).header("cache-control", FOREVER).send();
    const bytes = await readProductImage(getDb(), { hash, size });
    if (!bytes) return reply.code(404).send({ error: { code: "NOT_FOUND", message: "No such image" } });
    return reply.header("content-type", "image/webp").header("cache-control", FOREVER).header("etag", etag).header("x-content-type-options", "nosniff").send(bytes);
  });
};

export default productImages;
