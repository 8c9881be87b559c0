/**
 * Product pictures as pages use them. Every stored image has two square WebP renditions of
 * fixed size, so a page can reserve their box (width and height) before they load.
 */
export const PRODUCT_IMAGE_SIZES = { grid: 400, page: 800 } as const;
export type ProductImageSize = keyof typeof PRODUCT_IMAGE_SIZES;

/** Where a product's image lives without its size suffix, from its content hash. */
export function productImageBase(hash: string): string {
  return `/images/products/${hash}`;
}

/** The URL of one rendition of a product image (`imageUrl` as the catalog returns it). */
export function productImageSrc(imageUrl: string, size: ProductImageSize): string {
  return `${imageUrl}-${size}.webp`;
}

/** A product's name in the page's language: the Chinese one on zh-CN pages when it has one. */
export function productName(product: { name: string; nameZh?: string | null }, locale: string): string {
  return locale === "zh-CN" && product.nameZh ? product.nameZh : product.name;
}
