import { createHash } from "node:crypto";
import sharp, { type Metadata } from "sharp";
import { DomainError } from "@/server/errors";
import { PRODUCT_IMAGE_SIZES } from "@/lib/product-image";

/** Largest upload accepted, in bytes (checked while receiving and again here). */
export const PRODUCT_IMAGE_MAX_BYTES = 5 * 1024 * 1024;
/** Largest width or height accepted, in pixels: bounds the memory a decode may take. */
export const PRODUCT_IMAGE_MAX_SIDE = 4000;
/** What a shop photo comes as; anything else (SVG, GIF, TIFF, HEIF…) is refused as the wrong type. */
export const PRODUCT_IMAGE_FORMATS = ["jpeg", "png", "webp"] as const;

/** Why an upload was refused: the form shows a message per reason in the reader's language. */
export type ImageProblem = "missing" | "not_an_image" | "wrong_type" | "too_many_bytes" | "too_many_pixels";

/** An image ready to store: both renditions, and the hash of their content that names them. */
export type PreparedProductImage = { hash: string; grid: Buffer; page: Buffer };

const ENGLISH: Record<ImageProblem, string> = {
  missing: "Choose an image to upload",
  not_an_image: "This file is not an image we can read",
  wrong_type: "Upload a JPEG, PNG or WebP image",
  too_many_bytes: `The image is larger than ${PRODUCT_IMAGE_MAX_BYTES / 1024 / 1024} MB`,
  too_many_pixels: `The image is larger than ${PRODUCT_IMAGE_MAX_SIDE} × ${PRODUCT_IMAGE_MAX_SIDE} pixels`,
};

/**
 * The refusal of an upload: VALIDATION_FAILED with an English field message on `field` (`image`
 * unless another form names it otherwise; for API callers and logs) and the reason plus limits
 * as params (for pages to translate).
 */
export function imageRefused(problem: ImageProblem, field = "image"): DomainError {
  return new DomainError("VALIDATION_FAILED", ENGLISH[problem], { [field]: [ENGLISH[problem]] }, {
    params: { imageProblem: problem, maxMegabytes: PRODUCT_IMAGE_MAX_BYTES / 1024 / 1024, maxSide: PRODUCT_IMAGE_MAX_SIDE },
  });
}

function rendition(bytes: Buffer, side: number): Promise<Buffer> {
  // rotate() applies the EXIF orientation before it is dropped; sharp writes no metadata
  // (EXIF, GPS, ICC comments) unless asked to, so the output carries none of the upload's.
  return sharp(bytes, { failOn: "error", limitInputPixels: PRODUCT_IMAGE_MAX_SIDE * PRODUCT_IMAGE_MAX_SIDE })
    .rotate()
    .resize(side, side, { fit: "contain", background: "#ffffff" })
    .flatten({ background: "#ffffff" })
    .webp({ quality: 82, effort: 2 }) // effort 2 of 6: a few percent larger, several times faster to encode
    .toBuffer();
}

/**
 * Checks that `bytes` really is a JPEG, PNG or WebP image within the limits, by decoding it
 * (the file name and declared type are not trusted), and renders the grid and page sizes
 * without metadata. Throws VALIDATION_FAILED (see imageRefused, on `field`) otherwise. Pure:
 * writes nothing. Customer messages' pictures go through the same checks and renditions.
 */
export async function prepareProductImage(bytes: Buffer, { field = "image" }: { field?: string } = {}): Promise<PreparedProductImage> {
  const refused = (problem: ImageProblem) => imageRefused(problem, field);
  if (bytes.length === 0) throw refused("missing");
  if (bytes.length > PRODUCT_IMAGE_MAX_BYTES) throw refused("too_many_bytes");
  let meta: Metadata;
  try {
    meta = await sharp(bytes).metadata();
  } catch {
    throw refused("not_an_image");
  }
  if (!(PRODUCT_IMAGE_FORMATS as readonly string[]).includes(meta.format ?? "")) throw refused("wrong_type");
  if (!meta.width || !meta.height) throw refused("not_an_image");
  if (meta.width > PRODUCT_IMAGE_MAX_SIDE || meta.height > PRODUCT_IMAGE_MAX_SIDE) throw refused("too_many_pixels");
  let grid: Buffer;
  let page: Buffer;
  try {
    // A header that reads but pixels that do not (a truncated file) fail here.
    [grid, page] = await Promise.all([rendition(bytes, PRODUCT_IMAGE_SIZES.grid), rendition(bytes, PRODUCT_IMAGE_SIZES.page)]);
  } catch {
    throw refused("not_an_image");
  }
  const hash = createHash("sha256").update(grid).update(page).digest("hex").slice(0, 32);
  return { hash, grid, page };
}
