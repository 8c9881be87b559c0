/**
 * Pictures in customer messages (留言): how many a post may carry and where each rendition is
 * served. Both renditions are square WebP made by the product image pipeline: the thumbnail
 * shown in the thread (400 px) and the larger picture it opens (800 px).
 */
export const MESSAGE_PICTURE_MAX = 4;
/** Same limit as a product image upload. */
export const MESSAGE_PICTURE_MAX_MEGABYTES = 5;
export const MESSAGE_PICTURE_SIZES = { thumb: 400, large: 800 } as const;
export type MessagePictureSize = keyof typeof MESSAGE_PICTURE_SIZES;

/** The URL of one rendition; only the conversation's shopper and admins get an answer from it. */
export function messagePictureSrc(pictureId: string, size: MessagePictureSize): string {
  return `/api/messages/pictures/${pictureId}-${size}.webp`;
}
