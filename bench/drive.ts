/**
 * The load generator, run as its own process so its CPU never counts as the server's.
 * The parent sends one scenario over IPC; this process warms up, says "ready", waits for "go"
 * (the parent samples the server's CPU in between), runs the measured window and sends the
 * figures back.
 */
import fs from "node:fs";
import autocannon from "autocannon";
import type { Scenario, DriveResult } from "./scenarios";

type Instance = ReturnType<typeof autocannon>;

/** The body of the first failed checkout, to say why in the report. */
let firstError: string | undefined;

function superjsonInput(value: unknown): string {
  return encodeURIComponent(JSON.stringify({ json: value }));
}

/** What a shopper's browser sends to read one order, in each of the shapes the bench measures. */
function orderReadPath(shape: "single" | "batch" | "page" | "rest", orderId: string): string {
  if (shape === "rest") return `/api/v1/orders/${orderId}`;
  if (shape === "page") return `/orders/${orderId}`;
  if (shape === "batch") return `/api/trpc/order.byId?batch=1&input=${encodeURIComponent(JSON.stringify({ 0: { json: { id: orderId } } }))}`;
  return `/api/trpc/order.byId?input=${superjsonInput({ id: orderId })}`;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** Builds the autocannon instances of a scenario; `record` receives every measured response. */
function start(scenario: Scenario, duration: number, record: (status: number, ms: number, bytes?: number) => void): Instance[] {
  const common = { url: scenario.baseUrl, duration, timeout: 30, renderProgressBar: false, renderResultsTable: false } as const;
  if (scenario.kind === "order-read") {
    const targets = scenario.targets;
    const instance = autocannon({
      ...common,
      connections: scenario.connections,
      requests: [
        {
          method: "GET",
          setupRequest(req) {
            const target = targets[Math.floor(Math.random() * targets.length)]!;
            const headers: Record<string, string> = scenario.shape === "rest" ? { authorization: `Bearer ${target.apiKey}` } : { cookie: target.cookie };
            return { ...req, path: orderReadPath(scenario.shape, target.orderId), headers };
          },
        },
      ],
    });
    instance.on("response", (_client, status, bytes, ms) => record(status, ms, bytes));
    return [instance];
  }
  if (scenario.kind === "page") {
    const targets = scenario.targets;
    const instance = autocannon({
      ...common,
      connections: scenario.connections,
      requests: [
        {
          method: "GET",
          setupRequest(req) {
            const target = targets[Math.floor(Math.random() * targets.length)]!;
            return { ...req, path: target.path, headers: { cookie: target.cookie, accept: "text/html" } };
          },
        },
      ],
    });
    instance.on("response", (_client, status, bytes, ms) => record(status, ms, bytes));
    return [instance];
  }
  if (scenario.kind === "catalog") {
    const instance = autocannon({
      ...common,
      connections: scenario.connections,
      requests: [{ method: "GET", path: `/api/trpc/catalog.list?input=${superjsonInput({ page: 1, pageSize: 20 })}` }],
    });
    instance.on("response", (_client, status, _bytes, ms) => record(status, ms));
    return [instance];
  }
  if (scenario.kind === "paid-order") return scenario.buyers.map((buyer) => paidOrderInstance(common, buyer, record));
  // Checkout: one connection per buyer, each alternating "add one item to the cart" and
  // "check out". Only the checkout responses are recorded; the cart add is the setup it needs.
  return scenario.buyers.map((buyer) => {
    const headers = { cookie: buyer.cookie, "content-type": "application/json" };
    const instance = autocannon({
      ...common,
      connections: 1,
      requests: [
        { method: "POST", path: "/api/trpc/cart.add", headers, body: JSON.stringify({ json: { productId: buyer.productId, quantity: 1 } }) },
        {
          method: "POST",
          path: "/api/trpc/order.checkout",
          headers,
          body: JSON.stringify({ json: { addressId: buyer.addressId } }),
          onResponse(status, body) {
            if (status >= 300) firstError ??= body.slice(0, 300);
          },
        },
      ],
    });
    let n = 0;
    instance.on("response", (_client, status, _bytes, ms) => {
      if (n++ % 2 === 0) {
        if (status >= 300) record(status, ms); // a failed cart add shows up as an error
        return;
      }
      record(status, ms);
    });
    return instance;
  });
}

/** The data part of a tRPC answer (superjson envelope), or undefined when it is not one. */
function trpcData<T>(body: string): T | undefined {
  try {
    return (JSON.parse(body) as { result?: { data?: { json?: T } } }).result?.data?.json;
  } catch {
    return undefined;
  }
}

/**
 * One buyer's paid orders, one after another on one connection: add to cart, check out, create
 * the card payment, pay with the card that always succeeds. Each step reads what it needs from
 * the answer before it (autocannon's per-connection context). The latency recorded is the
 * whole order's (the four answers added up), once per order, on the pay step.
 */
function paidOrderInstance(common: Omit<Parameters<typeof autocannon>[0], "requests" | "connections">, buyer: { cookie: string; addressId: string; productId: string }, record: (status: number, ms: number) => void): Instance {
  const headers = { cookie: buyer.cookie, "content-type": "application/json" };
  const post = (path: string, json: unknown) => ({ method: "POST" as const, path, headers, body: JSON.stringify({ json }) });
  const failed = (status: number, body: string) => {
    if (status >= 300) firstError ??= body.slice(0, 300);
  };
  const instance = autocannon({
    ...common,
    connections: 1,
    requests: [
      { ...post("/api/trpc/cart.add", { productId: buyer.productId, quantity: 1 }), onResponse: failed },
      {
        ...post("/api/trpc/order.checkout", { addressId: buyer.addressId }),
        onResponse(status, body, context) {
          failed(status, body);
          context.orderId = trpcData<{ id: string }>(body)?.id;
        },
      },
      {
        method: "POST",
        setupRequest(req, context) {
          return { ...req, ...post("/api/trpc/payment.create", { orderId: context.orderId, method: "card" }) };
        },
        onResponse(status, body, context) {
          failed(status, body);
          context.paymentId = trpcData<{ payment: { id: string } }>(body)?.payment.id;
        },
      },
      {
        method: "POST",
        setupRequest(req, context) {
          return { ...req, ...post("/api/trpc/payment.pay", { paymentId: context.paymentId, method: "card", card: { number: "4242424242424242" } }) };
        },
        onResponse: failed,
      },
    ],
  });
  let step = 0;
  let orderMs = 0;
  let orderFailed = false;
  instance.on("response", (_client, status, _bytes, ms) => {
    orderMs += ms;
    orderFailed ||= status >= 300;
    if (++step % 4 !== 0) return;
    record(orderFailed ? 500 : status, orderMs);
    orderMs = 0;
    orderFailed = false;
  });
  return instance;
}

function summarise(latencies: number[], errors: number, durationS: number, sample: string | undefined, bytes: number): DriveResult {
  const sorted = latencies.sort((a, b) => a - b);
  return {
    bytesPerResponse: sorted.length ? bytes / sorted.length : 0,
    requests: sorted.length,
    errors,
    durationS,
    reqPerS: sorted.length / durationS,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    errorSample: sample,
  };
}

/**
 * BENCH_TRACE=<file>: every measured response as "finished at ms, latency ms" lines, to see
 * whether slow responses are spread out or come in bursts. The first line gives the start of
 * the window on the machine's monotonic clock (µs), the clock V8's CPU profiles use, so
 * bench/trace-stalls.ts can line a trace up with a profile of the server taken in the same run.
 */
function writeTrace(file: string, startMonotonicUs: bigint, finishedAt: number[], latencies: number[]) {
  const lines = finishedAt.map((t, i) => `${t.toFixed(2)},${latencies[i]!.toFixed(2)}`);
  fs.writeFileSync(file, `# start ${startMonotonicUs} us\n${lines.join("\n")}\n`);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * One load run on the same connections throughout: warm-up, then (after the parent has
 * sampled the server's CPU and said "go") the measured window. Opening a fresh set of
 * connections for the measured window would put the load generator's own start-up — 100
 * sockets and clients built at once — into the first latencies it measures.
 */
process.once("message", async (message: { scenario: Scenario; warmupS: number; durationS: number }) => {
  const latencies: number[] = [];
  const finishedAt: number[] = [];
  let measuring = false;
  let t0 = 0;
  let errors = 0;
  let bytes = 0;
  let sample: string | undefined;
  // autocannon stops on its own after this; the window below normally ends long before.
  const instances = start(message.scenario, message.warmupS + message.durationS + 60, (status, ms, size) => {
    if (!measuring) return;
    if (status >= 200 && status < 300) {
      latencies.push(ms);
      bytes += size ?? 0;
      finishedAt.push(performance.now() - t0);
    } else {
      errors++;
      sample ??= `HTTP ${status}`;
    }
  });
  const finished = Promise.all(instances);
  await sleep(message.warmupS * 1000);
  process.send!({ type: "ready" });
  await new Promise<void>((resolve) => process.once("message", () => resolve()));
  t0 = performance.now();
  const startMonotonicUs = process.hrtime.bigint() / 1000n;
  measuring = true;
  await sleep(message.durationS * 1000);
  measuring = false;
  const durationS = (performance.now() - t0) / 1000;
  // The parent samples the server's CPU when "done" arrives, so send it before stopping.
  if (process.env.BENCH_TRACE) writeTrace(process.env.BENCH_TRACE, startMonotonicUs, finishedAt, latencies);
  if (firstError) sample = `${sample}: ${firstError}`;
  process.send!({ type: "done", result: summarise(latencies, errors, durationS, sample, bytes) }, () => {
    for (const instance of instances) instance.stop();
    void finished.finally(() => process.exit(0));
  });
});
