import { PRODUCT_IMAGE_MAX_BYTES, PRODUCT_IMAGE_MAX_SIDE, prepareProductImage, type PreparedProductImage } from "@/server/domain/catalog";
import { DomainError, isDomainError } from "@/server/errors";
import { MESSAGE_PICTURE_MAX } from "@/lib/message-picture";

/** The form field (and API part name) that carries a post's pictures. */
export const MESSAGE_PICTURE_FIELD = "pictures";

/** A picture checked and rendered, ready to store with its post (see prepareMessagePictures). */
export type PreparedMessagePicture = PreparedProductImage;

/** More pictures than a post may carry: VALIDATION_FAILED on `pictures`, with the limit. */
export function tooManyPictures(): DomainError {
  const message = `Attach at most ${MESSAGE_PICTURE_MAX} pictures`;
  return new DomainError("VALIDATION_FAILED", message, { [MESSAGE_PICTURE_FIELD]: [message] }, {
    params: { imageProblem: "too_many_files", maxPictures: MESSAGE_PICTURE_MAX, maxMegabytes: PRODUCT_IMAGE_MAX_BYTES / 1024 / 1024, maxSide: PRODUCT_IMAGE_MAX_SIDE },
  });
}

/**
 * Checks and renders the pictures of one post with the product image pipeline (decoded, so a
 * file that only claims to be an image is refused; JPEG, PNG or WebP; the product size limits;
 * metadata dropped; a thumbnail and a larger square rendition). Any refusal is a
 * VALIDATION_FAILED on `pictures` naming the reason in `params.imageProblem` (and `params.picture`,
 * the 1-based position of the file). Pure: writes nothing, so a refused post is not written at all.
 */
export async function prepareMessagePictures(files: readonly Buffer[]): Promise<PreparedMessagePicture[]> {
  if (files.length > MESSAGE_PICTURE_MAX) throw tooManyPictures();
  const prepared: PreparedMessagePicture[] = [];
  // One at a time: libvips has threads of its own, and a refusal stops the rest.
  for (const [index, bytes] of files.entries()) {
    try {
      prepared.push(await prepareProductImage(bytes, { field: MESSAGE_PICTURE_FIELD }));
    } catch (error) {
      if (isDomainError(error) && error.params) throw new DomainError(error.code, error.message, error.fieldErrors, { params: { ...error.params, picture: index + 1 } });
      throw error;
    }
  }
  return prepared;
}
