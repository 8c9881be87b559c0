import { sql } from "drizzle-orm";
import { check, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import type { SimulationOutcome, SimulationRunParams, SimulationRunStatus } from "@/server/domain/simulation/simulation.schemas";
import { createdAt, id, updatedAt } from "./columns";
import { orders } from "./order";
import { users } from "./users";

/**
 * One row per simulation run (Admin → Simulation). The row is the run's lease and its progress:
 * a batch is generated while the row is held `FOR UPDATE SKIP LOCKED`, and `next_batch` advances
 * in the same transaction that records the batch's progress.
 */
export const simulationRuns = pgTable(
  "simulation_runs",
  {
    id: id(),
    status: text().$type<SimulationRunStatus>().notNull().default("running"),
    /** Who drives it: Inngest (one function run) or the local scheduler's sweep. */
    executor: text().$type<"inngest" | "local">().notNull().default("local"),
    params: jsonb().$type<SimulationRunParams>().notNull(),
    seed: integer().notNull(),
    totalShoppers: integer().notNull(),
    totalOrders: integer().notNull(),
    batchSize: integer().notNull(),
    batchCount: integer().notNull(),
    /** Real milliseconds between two batches (0: as fast as possible). */
    batchIntervalMs: integer().notNull().default(0),
    nextBatch: integer().notNull().default(0),
    nextBatchAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    shoppersCreated: integer().notNull().default(0),
    ordersCreated: integer().notNull().default(0),
    ordersFailed: integer().notNull().default(0),
    outcomeCounts: jsonb().$type<Partial<Record<SimulationOutcome, number>>>().notNull().default({}),
    error: text(),
    createdBy: uuid()
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    finishedAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    index().on(t.createdAt),
    index().on(t.status, t.nextBatchAt),
    // At most one run generates at a time.
    uniqueIndex("simulation_runs_one_running").on(sql`(true)`).where(sql`${t.status} = 'running'`),
    check("simulation_runs_progress", sql`${t.nextBatch} >= 0 AND ${t.nextBatch} <= ${t.batchCount}`),
  ],
);

/** The shoppers a run signed up, by index (their email is derived from run + index). */
export const simulationShoppers = pgTable(
  "simulation_shoppers",
  {
    runId: uuid()
      .notNull()
      .references(() => simulationRuns.id, { onDelete: "cascade" }),
    idx: integer().notNull(),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.runId, t.idx] })],
);

/**
 * The orders a run generated, by index: the planned outcome, the order (once checked out) and
 * how far its script got (`stage`), so a retried batch resumes instead of creating again.
 */
export const simulationOrders = pgTable(
  "simulation_orders",
  {
    runId: uuid()
      .notNull()
      .references(() => simulationRuns.id, { onDelete: "cascade" }),
    idx: integer().notNull(),
    shopperIdx: integer().notNull(),
    outcome: text().$type<SimulationOutcome>().notNull(),
    orderId: uuid().references(() => orders.id, { onDelete: "cascade" }),
    stage: text().notNull().default("planned"),
    error: text(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [primaryKey({ columns: [t.runId, t.idx] }), uniqueIndex().on(t.orderId)],
);
