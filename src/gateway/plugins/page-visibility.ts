import type { FastifyPluginCallback } from "fastify";
import fp from "fastify-plugin";
import { getSessionFromCookieHeader } from "@/server/auth/session";
import { getDb } from "@/server/db/client";
import { isListedProduct } from "@/server/domain/catalog";
import { isShopperOrder } from "@/server/domain/order";
import { idPageOf, isRecordId, type IdPage } from "@/server/http/hidden-page";

declare module "fastify" {
  interface FastifyRequest {
    /** A page view of a record this reader may not see: Next answers it with the not-found page (404). */
    hiddenPage: boolean;
  }
}

/**
 * Whether the reader may see the record a page shows, or the admin area. Without a live session
 * an order or admin page is left to Next: its proxy sends a visitor to sign in, and a page
 * served on a token whose session has ended sends the reader to sign in from the browser.
 */
async function visible(page: IdPage, cookie: string | undefined): Promise<boolean> {
  if (page.kind === "product") return isRecordId(page.id) && isListedProduct(getDb(), page.id);
  // The same cached token and session read the page's API batch makes a moment later.
  const session = cookie ? await getSessionFromCookieHeader(cookie) : null;
  if (!session) return true;
  // The proxy judges the admin area by the token's role; the session row has the current one
  // (an admin made a shopper since signing in finds no admin area, as the layout used to answer).
  if (page.kind === "admin") return session.role === "admin";
  return isRecordId(page.id) && isShopperOrder(getDb(), { userId: session.id, orderId: page.id });
}

/**
 * The order pages, the cashier and the product page are one shell per language, the same for
 * every id; the browser reads the record from the API. What the status line says is decided here, before
 * the shell is served: an unknown, malformed or someone else's id is marked hidden, and Next
 * answers the not-found page with 404 (src/proxy.ts). One indexed read per view.
 */
const pageVisibility: FastifyPluginCallback = (app, _options, done) => {
  app.decorateRequest("hiddenPage", false);
  app.addHook("onRequest", async (request) => {
    if (request.method !== "GET" && request.method !== "HEAD") return;
    if (request.url.startsWith("/api/") || request.url.startsWith("/_next/")) return;
    const page = idPageOf(request.url);
    if (!page) return;
    try {
      request.hiddenPage = !(await visible(page, request.headers.cookie));
    } catch (error) {
      // The database cannot answer: the shell's own API reads will report it to the reader.
      request.log.warn({ err: error }, "page visibility check failed");
    }
  });
  done();
};

export default fp(pageVisibility, { name: "shopflow-page-visibility", fastify: "5.x" });
