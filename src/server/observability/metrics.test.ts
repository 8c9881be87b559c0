import { randomUUID } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { createDatabase, getDb } from "@/server/db/client";
import { outboxEvents } from "@/server/db/schema";
import { enqueueEvent } from "@/server/events/outbox";
import { notifyFromEvent } from "@/server/flows/notifications-consumer";
import { runSweep } from "@/server/scheduler/run-sweep";
import { histogramCount, parseMetrics, valueOf, type ParsedMetrics } from "../../../test/prometheus-text";
import { installTestGateway, paidPayment } from "../../../test/payment-fixtures";
import { renderMetrics, setMetricsRole, setSchedulerLeader, watchOutbox } from "./metrics";

installTestGateway();

async function scrape(): Promise<ParsedMetrics> {
  const { contentType, body } = await renderMetrics();
  expect(contentType).toContain("text/plain");
  return parseMetrics(body);
}

/** How much each named series moved between two scrapes. */
const moved = (before: ParsedMetrics, after: ParsedMetrics, name: string, labels: Record<string, string> = {}) => valueOf(after, name, labels) - valueOf(before, name, labels);

describe("business counters, derived from committed domain events", () => {
  it("a checkout and a card payment move orders, payments and notifications", async () => {
    const before = await scrape();
    const { order } = await paidPayment();
    const after = await scrape();
    expect(moved(before, after, "shopflow_orders_created_total")).toBe(1);
    expect(moved(before, after, "shopflow_payments_total", { method: "card", outcome: "succeeded" })).toBe(1);
    expect(moved(before, after, "shopflow_payments_total", { outcome: "failed" })).toBe(0);

    // The notifications consumer turns the payment's event into the shopper's notification.
    const [row] = await getDb()
      .select()
      .from(outboxEvents)
      .where(and(eq(outboxEvents.orderId, order.id), eq(outboxEvents.name, "shop/payment.status-changed"), sql`${outboxEvents.data}->>'to' = 'succeeded'`));
    const event = { id: row!.id, name: row!.name, data: row!.data, createdAt: row!.createdAt };
    await notifyFromEvent(getDb(), event);
    const notified = await scrape();
    expect(moved(after, notified, "shopflow_notifications_sent_total")).toBe(1);
    // Delivered twice, the event creates no second notification and counts nothing more.
    await notifyFromEvent(getDb(), event);
    expect(moved(notified, await scrape(), "shopflow_notifications_sent_total")).toBe(0);
  });

  it("a rolled-back change counts nothing", async () => {
    const before = await scrape();
    await expect(
      getDb().transaction(async (tx) => {
        await enqueueEvent(tx, "shop/order.created", { orderId: randomUUID(), userId: randomUUID(), orderNo: "rolled-back" });
        throw new Error("rolled back");
      }),
    ).rejects.toThrow("rolled back");
    expect(moved(before, await scrape(), "shopflow_orders_created_total")).toBe(0);
  });
});

describe("process, scheduler and pool metrics", () => {
  it("every series carries the process role", async () => {
    setMetricsRole("worker");
    const parsed = await scrape();
    const cpu = parsed.families.get("process_cpu_seconds_total")!;
    expect(cpu.metrics[0]!.labels).toMatchObject({ role: "worker" });
    expect(histogramCount(parsed, "http_request_duration_seconds")).toBe(0);
  });

  it("counts scheduler runs by task and outcome, failures included", async () => {
    const before = await scrape();
    await runSweep(getDb(), { id: "metrics-test-ok", run: async () => ({ processed: 1 }) } as never, { trigger: "manual" });
    await expect(runSweep(getDb(), { id: "metrics-test-boom", run: async () => Promise.reject(new Error("boom")) } as never, { trigger: "manual" })).rejects.toThrow("boom");
    setSchedulerLeader(true);
    const after = await scrape();
    expect(moved(before, after, "shopflow_scheduler_runs_total", { task: "metrics-test-ok", outcome: "succeeded" })).toBe(1);
    expect(moved(before, after, "shopflow_scheduler_runs_total", { task: "metrics-test-boom", outcome: "failed" })).toBe(1);
    expect(valueOf(after, "shopflow_scheduler_leader")).toBe(1);
  });

  it("reports connections held by transactions and transactions waiting for one", async () => {
    const { sql, db } = createDatabase(process.env.DATABASE_URL!, 1, "metrics-test");
    try {
      let release!: () => void;
      const held = new Promise<void>((resolve) => (release = resolve));
      let entered!: () => void;
      const inside = new Promise<void>((resolve) => (entered = resolve));
      const first = db.transaction(async () => {
        entered();
        await held;
      });
      await inside;
      const second = db.transaction(async () => {});
      const during = await scrape();
      expect(valueOf(during, "shopflow_db_pool_size", { pool: "metrics-test" })).toBe(1);
      expect(valueOf(during, "shopflow_db_pool_in_use", { pool: "metrics-test" })).toBe(1);
      expect(valueOf(during, "shopflow_db_pool_waiting", { pool: "metrics-test" })).toBe(1);
      release();
      await Promise.all([first, second]);
      const afterwards = await scrape();
      expect(valueOf(afterwards, "shopflow_db_pool_in_use", { pool: "metrics-test" })).toBe(0);
      expect(valueOf(afterwards, "shopflow_db_pool_waiting", { pool: "metrics-test" })).toBe(0);
    } finally {
      await sql.end({ timeout: 5 });
    }
  });
});

describe("outbox gauges, read at scrape time", () => {
  it("report nothing until the process watches the outbox", async () => {
    const parsed = await scrape();
    expect(parsed.families.has("shopflow_outbox_backlog")).toBe(false);
  });

  it("report the undelivered backlog and the oldest event's age", async () => {
    await paidPayment();
    watchOutbox(getDb);
    const parsed = await scrape();
    expect(valueOf(parsed, "shopflow_database_up")).toBe(1);
    expect(valueOf(parsed, "shopflow_outbox_backlog")).toBeGreaterThanOrEqual(3);
    expect(valueOf(parsed, "shopflow_outbox_oldest_undelivered_age_seconds")).toBeGreaterThan(0);
  });

  const unreachable = createDatabase("postgres://postgres@127.0.0.1:1/none", 1, "unreachable");
  afterAll(() => unreachable.sql.end({ timeout: 1 }));

  it("say the database is down, without stale figures, when it does not answer", async () => {
    watchOutbox(() => unreachable.db);
    const parsed = await scrape();
    expect(valueOf(parsed, "shopflow_database_up")).toBe(0);
    expect(valueOf(parsed, "shopflow_outbox_backlog")).toBeNaN();
    watchOutbox(getDb);
    expect(valueOf(await scrape(), "shopflow_database_up")).toBe(1);
  });
});
