/** What the orchestrator (run.ts) and the load generator (drive.ts) exchange. */
export type Scenario =
  | {
      kind: "order-read";
      baseUrl: string;
      connections: number;
      targets: { cookie: string; apiKey: string; orderId: string }[];
      /**
       * single: one tRPC call; batch: the browser's httpBatchLink shape; page: the order page's
       * HTML (all with the session cookie); rest: GET /api/v1/orders/{id} with an API key.
       */
      shape: "single" | "batch" | "page" | "rest";
    }
  | { kind: "catalog"; baseUrl: string; connections: number }
  /** A page's HTML as the browser asks for it: each request one of `targets` at random. */
  | { kind: "page"; baseUrl: string; connections: number; targets: { path: string; cookie: string }[] }
  | { kind: "checkout"; baseUrl: string; buyers: { cookie: string; addressId: string; productId: string }[] }
  /**
   * The whole paid order, as the cashier sends it: cart add, checkout, payment create and card
   * pay (the test card that always succeeds), one connection per buyer, one step after another.
   */
  | { kind: "paid-order"; baseUrl: string; buyers: { cookie: string; addressId: string; productId: string }[] };

export type DriveResult = {
  /** Measured requests that succeeded (for checkout: orders placed; for paid-order: orders paid). */
  requests: number;
  errors: number;
  durationS: number;
  reqPerS: number;
  p50: number;
  p95: number;
  p99: number;
  /** Bytes per successful response as read off the wire (headers included; pages: the HTML, uncompressed). */
  bytesPerResponse: number;
  errorSample?: string;
};
