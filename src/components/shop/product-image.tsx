import Image from "next/image";
import { cn } from "@/lib/cn";
import { PRODUCT_IMAGE_SIZES, productImageSrc, type ProductImageSize } from "@/lib/product-image";

/**
 * A product's picture from one of its square renditions; `className` sets the size shown
 * (e.g. `h-16 w-16`, or `w-full h-auto`). Width and height are always set, so the browser
 * reserves the box before the file arrives and nothing shifts; without an image the same square
 * shows a neutral placeholder. `alt` is the product's name in the page's language. The files
 * are already sized WebP with a year's cache, so Next's optimiser is not asked to re-encode them.
 */
export function ProductImage({ imageUrl, alt, size, priority, className }: { imageUrl: string | null; alt: string; size: ProductImageSize; priority?: boolean; className?: string }) {
  const side = PRODUCT_IMAGE_SIZES[size];
  if (!imageUrl) return <div role="img" aria-label={alt} className={cn("aspect-square shrink-0 rounded bg-slate-100", className)} />;
  return (
    <Image
      src={productImageSrc(imageUrl, size)}
      alt={alt}
      width={side}
      height={side}
      unoptimized
      priority={priority}
      className={cn("aspect-square shrink-0 rounded bg-white object-contain", className)}
    />
  );
}
