import CachePolicy from "http-cache-semantics";
import { LRUCache } from "lru-cache";

/**
 * The pages Next builds once per language (every shop page and the admin lists) are the same
 * bytes for every reader of a language: Next answers them from its own store with
 * `Cache-Control: s-maxage=…`, which tells a shared cache in front of it (a CDN, nginx) that it
 * may keep them. The gateway is that cache. Asking Next costs about 1.8 ms of its CPU per view
 * and a queue behind its one event loop; an answer kept here costs a lookup.
 *
 * What HTTP caching needs — is the answer storable by a shared cache, still fresh, and does the
 * new request match the headers it varies on (Next varies on its router's headers and
 * Accept-Encoding) — is `http-cache-semantics`, the library npm's own fetch uses, so no rule of
 * RFC 9111 is written by hand here. The store is an `lru-cache` bounded in bytes.
 *
 * Only what Next says it prerendered (`x-nextjs-prerender`), with status 200 and no cookie set,
 * is kept. The key holds what else the answer depends on (see keyOf in next-proxy.ts): the
 * language and the reader's access to the page, the same inputs the proxy answers with.
 */
export type PageRequest = { url: string; method: string; headers: Record<string, string | string[] | undefined> };
export type PageResponse = { status: number; headers: Record<string, string | string[] | undefined> };
export type KeptPage = { headers: Record<string, string | string[] | undefined>; body: Buffer };

type Variant = { policy: CachePolicy; body: Buffer };

/** A page's answers that differ by the headers it varies on (an RSC payload and the HTML, gzip or not). */
const MAX_VARIANTS = 8;
/** Bookkeeping per kept answer, besides its body: the policy and its headers. */
const ENTRY_OVERHEAD_BYTES = 2_048;
/** A prerendered page is ~12 KB; an answer far larger is not one of ours to keep. */
export const MAX_PAGE_BYTES = 1_048_576;

/** Whether Next's answer is a prerendered page that may be kept: the only answers the gateway stores. */
export function isBuiltPageAnswer(response: PageResponse): boolean {
  return response.status === 200 && response.headers["x-nextjs-prerender"] !== undefined && response.headers["set-cookie"] === undefined;
}

export class BuiltPageCache {
  private readonly pages: LRUCache<string, Variant[]>;

  constructor({ maxBytes }: { maxBytes: number }) {
    this.pages = new LRUCache<string, Variant[]>({
      maxSize: maxBytes,
      sizeCalculation: (variants) => variants.reduce((sum, variant) => sum + variant.body.length + ENTRY_OVERHEAD_BYTES, 0),
    });
  }

  /** The kept answer for this request, with its headers as a cache sends them (Age included), or null. */
  find(key: string, request: PageRequest): KeptPage | null {
    const variant = this.pages.get(key)?.find((v) => v.policy.satisfiesWithoutRevalidation(request));
    return variant ? { headers: variant.policy.responseHeaders() as KeptPage["headers"], body: variant.body } : null;
  }

  /** Keeps Next's answer when it is a built page a shared cache may store; says whether it did. */
  keep(key: string, request: PageRequest, response: PageResponse, body: Buffer): boolean {
    if (!isBuiltPageAnswer(response) || body.length > MAX_PAGE_BYTES) return false;
    const policy = new CachePolicy(request, response, { shared: true });
    if (!policy.storable() || policy.timeToLive() <= 0) return false;
    // A variant this request would have matched is replaced; the oldest goes past MAX_VARIANTS.
    const others = (this.pages.get(key) ?? []).filter((v) => !v.policy.satisfiesWithoutRevalidation(request));
    this.pages.set(key, [...others.slice(-(MAX_VARIANTS - 1)), { policy, body }]);
    return true;
  }

  get size(): number {
    return this.pages.size;
  }
}
