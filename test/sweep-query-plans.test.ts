import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createDatabase, type Database } from "../src/server/db/client";
import { seedDemoData } from "../src/server/db/seed";
import { createSimulatedGateway, setPaymentProvider } from "../src/server/domain/payment";
import { SWEEPS } from "../src/server/scheduler/registry";
import { loadInFlightOrders } from "../bench/in-flight";
import { loadBenchData } from "../bench/load";
import { createScratchDatabase } from "./test-database";

/**
 * Every statement every sweep runs when nothing is due, planned by PostgreSQL on tables of a
 * realistic size (a history of orders plus 10,000 in flight in every state a sweep looks at,
 * and thousands of delivered events, notifications, webhooks, refunds and task runs): none may
 * read a big table sequentially, and none may be estimated to cost more than a few index pages.
 * The statements are the ones the sweeps really send (captured from the driver), so a sweep
 * whose query stops matching its index fails here, not in production.
 */

/** Tables that grow with the shop: a sequential scan of one grows with it. */
const BIG_TABLES = new Set([
  "orders",
  "order_items",
  "order_status_log",
  "payments",
  "payment_log",
  "refunds",
  "shipments",
  "shipment_checkpoints",
  "charges",
  "notifications",
  "outbox_events",
  "webhook_deliveries",
  "task_runs",
  "inventory_movements",
]);
/** PostgreSQL's estimated cost units: an index probe is a few; reading the in-flight orders' index is thousands. */
const MAX_COST = 100;
/**
 * Pages a statement really touches when run (EXPLAIN ANALYZE, BUFFERS): an index probe is a
 * few. The planner's estimate cannot see index entries a join or a filter then throws away
 * (the checkpoint sweep walked past every held parcel's overdue checkpoints that way while its
 * estimate stayed small); running the statement can.
 */
const MAX_PAGES = 40;

type PlanNode = { "Node Type": string; "Relation Name"?: string; "Total Cost": number; "Shared Hit Blocks"?: number; "Shared Read Blocks"?: number; Plans?: PlanNode[] };
const nodesOf = (node: PlanNode): PlanNode[] => [node, ...(node.Plans ?? []).flatMap(nodesOf)];

let scratch: Awaited<ReturnType<typeof createScratchDatabase>>;
let client: postgres.Sql;
let db: Database;
let explainer: postgres.Sql;
const captured: { query: string; params: unknown[] }[] = [];

beforeAll(async () => {
  scratch = await createScratchDatabase(inject("adminDatabaseUrl"), "shopflow_plans");
  ({ sql: client, db } = createDatabase(scratch.url, 2));
  explainer = postgres(scratch.url, { max: 1, onnotice: () => {} });
  await seedDemoData(db);
  await loadBenchData(explainer, { orders: 5_000, shoppers: 200, passwordHash: "not-a-real-hash" });
  // Fills the tables the other sweeps read with what a shop that has run a while has: all done.
  await explainer.begin(async (tx) => {
    await tx`insert into outbox_events (name, data, created_at, next_attempt_at, delivered_at)
      select 'shop/order.paid', '{}'::jsonb, now() - g * interval '1 second', now() - g * interval '1 second', now() - g * interval '1 second'
      from generate_series(1, 20000) g`;
    await tx`insert into gateway.notifications (id, type, payload, status, attempts, next_attempt_at, delivered_at, created_at)
      select 'nt' || g, 'charge.succeeded', '{}'::jsonb, 'delivered', 1, now() - g * interval '1 second', now() - g * interval '1 second', now() - g * interval '1 second'
      from generate_series(1, 20000) g`;
    const [endpoint] = await tx<{ id: string }[]>`insert into webhook_endpoints (url, secret) values ('https://merchant.example/hook', 'secret-secret-secret') returning id`;
    await tx`insert into webhook_deliveries (endpoint_id, event_id, event_type, payload, status, attempts, next_attempt_at, delivered_at)
      select ${endpoint!.id}, gen_random_uuid(), 'payment.succeeded', '{}'::jsonb, 'delivered', 1, now() - g * interval '1 second', now() - g * interval '1 second'
      from generate_series(1, 20000) g`;
    await tx`insert into task_runs (task_id, trigger, mode, status, started_at, finished_at, duration_ms)
      select 'lifecycle-reconciliation', 'cron', 'local', 'succeeded', now() - g * interval '5 seconds', now() - g * interval '5 seconds', 3
      from generate_series(1, 20000) g`;
  });
  await loadInFlightOrders(explainer, { orders: 10_000 });
  await explainer.begin(async (tx) => {
    // Refunds and the gateway's refunds of 2,000 of the paid orders, all settled.
    await tx`insert into refunds (refund_sn, payment_id, order_id, user_id, amount_minor, reason, status, requested_by, settled_at)
      select 'RFF' || row_number() over (), p.id, p.order_id, p.user_id, 100, 'changed my mind', 'succeeded', 'shopper', now()
      from payments p where p.status = 'succeeded' and p.payment_sn like 'PYF%' limit 2000`;
    await tx`insert into gateway.refunds (id, refund_key, charge_id, amount_minor, currency, status, due_at, settled_at)
      select 'rf' || c.id, 'RFK' || c.id, c.id, 100, 'CNY', 'succeeded', now() - interval '1 hour', now() - interval '1 hour'
      from gateway.charges c where c.status = 'succeeded' limit 2000`;
  });
  await explainer`vacuum (analyze)`;
  setPaymentProvider(createSimulatedGateway({ db }));
  // The driver reports every statement it sends: those are the ones planned below.
  client.options.debug = (_connection, query, params) => {
    captured.push({ query, params });
  };
}, 180_000);

afterAll(async () => {
  setPaymentProvider(null);
  await client?.end();
  await explainer?.end();
  await scratch?.drop();
});

/** Runs a statement under EXPLAIN (ANALYZE, BUFFERS) in a transaction rolled back: the shared pages it touched. */
async function pagesTouched(query: string, params: unknown[]): Promise<number> {
  let pages = 0;
  const rollback = new Error("rollback");
  await explainer
    .begin(async (tx) => {
      const [row] = await tx.unsafe(`explain (analyze, buffers, format json) ${query}`, params as postgres.ParameterOrJSON<never>[]);
      const plan = (row!["QUERY PLAN"] as { Plan: PlanNode }[])[0]!.Plan;
      // A node's buffers include its children's: the root's are the statement's.
      pages = (plan["Shared Hit Blocks"] ?? 0) + (plan["Shared Read Blocks"] ?? 0);
      throw rollback;
    })
    .catch((error: unknown) => {
      if (error !== rollback) throw error;
    });
  return pages;
}

/** Statements worth planning: reads and writes of tables, not transaction control or lock probes. */
function isPlannable(query: string): boolean {
  const q = query.trim().toLowerCase();
  if (!/^(select|update|delete|insert|with)\b/.test(q)) return false;
  return !q.startsWith("select pg_try_advisory") && !q.startsWith("select pg_advisory");
}

describe("each sweep reads what is due through an index, on tables of a realistic size", () => {
  for (const sweep of SWEEPS) {
    it(`${sweep.id}: no sequential scan of a big table, no statement estimated above ${MAX_COST} or touching more than ${MAX_PAGES} pages`, async () => {
      // The first run catches up (the ledger's cursor starts two days back); the second is the idle path.
      await sweep.run({ db, now: new Date() });
      captured.length = 0;
      const result = await sweep.run({ db, now: new Date() });
      expect(result.processed, "fixture data is due later: a sweep that found work would not measure the idle path").toBe(0);
      // A woken sweep asks after each run when its next item falls due: planned with the rest.
      await sweep.wake?.nextDueAt({ db, now: new Date() });
      const statements = captured.filter((s) => isPlannable(s.query));
      expect(statements.length).toBeGreaterThan(0);
      for (const { query, params } of statements) {
        const [row] = await explainer.unsafe(`explain (format json) ${query}`, params as postgres.ParameterOrJSON<never>[]);
        const plan = (row!["QUERY PLAN"] as { Plan: PlanNode }[])[0]!.Plan;
        const nodes = nodesOf(plan);
        const seqScans = nodes.filter((n) => n["Node Type"] === "Seq Scan" && BIG_TABLES.has(n["Relation Name"] ?? ""));
        expect(seqScans.map((n) => n["Relation Name"]), query).toEqual([]);
        expect(plan["Total Cost"], query).toBeLessThanOrEqual(MAX_COST);
        expect(await pagesTouched(query, params), query).toBeLessThanOrEqual(MAX_PAGES);
      }
    });
  }
});
