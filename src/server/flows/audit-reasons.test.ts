import { readFileSync } from "node:fs";
import { asc, eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { createTranslator } from "use-intl";
import { LOCALES } from "@/i18n/config";
import { MESSAGES } from "@/i18n/messages";
import { auditReasonText, type AuditTranslator } from "@/lib/audit-reasons";
import { getDb } from "@/server/db/client";
import { orderStatusLog, paymentLog } from "@/server/db/schema";
import { TASK_ERROR_CODES } from "@/server/db/schema/lifecycle";
import { finishTaskRun, getTaskRun, startTaskRun } from "@/server/domain/lifecycle";
import { localDelivery } from "@/server/events";
import { DomainError } from "@/server/errors";
import { createAdmin, createPendingOrder } from "../../../test/fixtures";
import { markDeliveredByStatus, statusLog, withLifecycleDatabase } from "../../../test/lifecycle-fixtures";
import { createPaidOrder } from "../../../test/logistics-fixtures";
import { paidPayment } from "../../../test/payment-fixtures";
import { reconcileLifecycle } from "./lifecycle-sweeps";

/** Audit rows keep the system's reasons as codes (read in any language) and people's notes as written. */
withLifecycleDatabase({ gateway: true });

const zh = createTranslator({ locale: "zh-CN", messages: MESSAGES["zh-CN"], namespace: "audit" }) as unknown as AuditTranslator;

describe("status logs", () => {
  it("the receipt sweep writes receipt.auto_confirmed, not an English sentence, and it reads in Chinese", async () => {
    const { order } = await createPaidOrder();
    await markDeliveredByStatus(order.id, new Date(Date.now() - 30 * 86_400_000));
    await reconcileLifecycle(getDb(), { now: new Date(), deliver: localDelivery(getDb(), []) });
    const completed = (await statusLog(order.id)).find((r) => r.toStatus === "completed")!;
    expect(completed).toMatchObject({ reasonCode: "receipt.auto_confirmed", reasonParams: null, reason: null });
    expect(auditReasonText(zh, { reasonCode: completed.reasonCode, reasonParams: completed.reasonParams, note: completed.reason })).toBe("收货期限已过：自动确认收货");
  });

  it("an admin's cancel stores its code and keeps the note the admin typed as free text", async () => {
    const admin = await createAdmin();
    const { order } = await createPendingOrder();
    await admin.caller.adminOrder.cancel({ id: order.id, reason: "客户来电取消" });
    const [placed, cancelled] = await statusLog(order.id);
    expect(placed).toMatchObject({ reasonCode: "order.placed", reason: null });
    expect(cancelled).toMatchObject({ toStatus: "cancelled", actor: "admin", reasonCode: "admin.order_cancelled", reason: "客户来电取消" });
    const { statusLog: seen } = await admin.caller.adminOrder.byId({ id: order.id });
    expect(seen.at(-1)).toMatchObject({ reasonCode: "admin.order_cancelled", reason: "客户来电取消" });
  });

  it("the order hub timeline carries each row's code and note for the page to label", async () => {
    const admin = await createAdmin();
    const { order } = await createPendingOrder();
    await admin.caller.adminOrder.cancel({ id: order.id });
    const { entries } = await admin.caller.adminOrder.timeline({ id: order.id });
    const orderRows = entries.filter((e) => e.source === "order");
    expect(orderRows.map((e) => [e.reasonCode, e.note])).toEqual([
      ["order.placed", null],
      ["admin.order_cancelled", null],
    ]);
  });
});

describe("payment log", () => {
  it("a card payment logs gateway.charge_answered as its reason; the message holds only the gateway's technical answer", async () => {
    const { payment } = await paidPayment();
    const rows = await getDb().select().from(paymentLog).where(eq(paymentLog.paymentId, payment.id)).orderBy(asc(paymentLog.id));
    const succeeded = rows.find((r) => r.kind === "state_change" && r.toStatus === "succeeded")!;
    expect(succeeded.reasonCode).toBe("gateway.charge_answered");
    expect(rows.map((r) => r.message)).not.toContain("gateway answered the charge");
  });
});

describe("rows written before reason codes", () => {
  // The migration's hand-written statements, run again on rows written the old way.
  const migration = readFileSync("drizzle/0028_audit_reason_codes.sql", "utf8");
  const updates = migration
    .split("--> statement-breakpoint")
    .map((statement) => statement.replace(/^--.*$/gm, "").trim())
    .filter((statement) => statement.startsWith("UPDATE"));

  it("known English sentences become their codes; anything else stays as it was written and still renders", async () => {
    const { order } = await createPendingOrder();
    await getDb()
      .insert(orderStatusLog)
      .values([
        { orderId: order.id, fromStatus: "delivered", toStatus: "completed", actor: "system", reason: "receipt window passed: confirmed automatically" },
        { orderId: order.id, fromStatus: "shipped", toStatus: "delivered", actor: "admin", reason: "exception resolved: return_to_sender" },
        { orderId: order.id, fromStatus: "paid", toStatus: "cancelled", actor: "admin", reason: "customer asked by phone" },
      ]);
    for (const statement of updates) await getDb().execute(sql.raw(statement));
    const rows = (await statusLog(order.id)).slice(-3);
    expect(rows.map((r) => [r.reasonCode, r.reasonParams, r.reason])).toEqual([
      ["receipt.auto_confirmed", null, null],
      ["admin.exception_resolved", { resolution: "return_to_sender" }, null],
      [null, null, "customer asked by phone"],
    ]);
    expect(rows.map((r) => auditReasonText(zh, { reasonCode: r.reasonCode, reasonParams: r.reasonParams, note: r.reason }))).toEqual([
      "收货期限已过：自动确认收货",
      "管理员处理异常：退回寄件人",
      "customer asked by phone",
    ]);
  });
});

describe("task runs", () => {
  it("a failed run keeps what kind of failure it was: a DomainError by its category, anything else as internal, a retry as will_retry", async () => {
    const kinds = [];
    for (const [error, retrying] of [
      [new DomainError("ORDER_NOT_FOUND", "Order not found"), false],
      [new DomainError("INVALID_TRANSITION", "Cannot ship a cancelled order"), false],
      [new TypeError("x is undefined"), false],
      ["attempt 1 failed, will retry: boom", true],
    ] as const) {
      const id = await startTaskRun(getDb(), { taskId: "audit-reasons-test", trigger: "manual", mode: "local" });
      await finishTaskRun(getDb(), { id }, { status: "failed", error, retrying });
      const run = await getTaskRun(getDb(), id);
      kinds.push([run.errorCode, run.error]);
    }
    expect(kinds).toEqual([
      ["not_found", "DomainError(ORDER_NOT_FOUND): Order not found"],
      ["conflict", "DomainError(INVALID_TRANSITION): Cannot ship a cancelled order"],
      ["internal", "TypeError: x is undefined"],
      ["will_retry", "attempt 1 failed, will retry: boom"],
    ]);
  });
});

describe("task failure labels", () => {
  it.each(LOCALES)("every kind of task failure has a label in %s", (locale) => {
    const labels = MESSAGES[locale].lifecycle.tasks.errorCodes as Record<string, string>;
    expect([...TASK_ERROR_CODES, "unknown"].filter((code) => typeof labels[code] !== "string")).toEqual([]);
  });
});
