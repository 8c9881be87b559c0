import { because } from "@/lib/audit-reasons";
import { and, asc, desc, eq, getTableColumns, gte, ilike, lt, or, sql, type SQL } from "drizzle-orm";
import type { DbOrTx, Tx } from "@/server/db/client";
import { insertBeforeCommit } from "@/server/db/commit-batch";
import { placeholderRows, placeholderSet, prepared, type SqlWithValues } from "@/server/db/prepared";
import { orderItems, orderStatusLog, orders, products, users, type AddressSnapshot } from "@/server/db/schema";
import { countMatching, cursorKeyOf, keysetPage, withPage, type KeysetSort } from "@/server/db/list-page";
import { statusLogReason, type AuditWhy } from "@/server/audit/reason";
import { DomainError } from "@/server/errors";
import { enqueueEvent } from "@/server/events/outbox";
import { currentRequestContext } from "@/server/observability/request-context";
import { assertTransition, type OrderStatus } from "./order.machine";
import { nextOrderNoSql, orderNoPrefix } from "./order-number";
import { ZAdminOrdersInput, type AdminOrdersInput, type AdminOrdersSort, type ShopperOrder } from "./order.schemas";

export type StatusActor = "shopper" | "admin" | "system" | "workflow";
/** Who changed an order and why (a reason code, and an admin's note when one was typed). */
export type ActorRef = { actor: StatusActor; actorId?: string | null } & AuditWhy;

/** Columns a transition may set together with the status (mirrors, timestamps). */
export type OrderPatch = Partial<
  Pick<
    typeof orders.$inferInsert,
    "paymentStatus" | "logisticsStatus" | "paymentSn" | "logisticsSn" | "paidAt" | "shippedAt" | "deliveredAt" | "completedAt" | "cancelledAt"
  >
>;

const TIMESTAMP_FOR: Partial<Record<OrderStatus, keyof OrderPatch>> = {
  paid: "paidAt",
  shipped: "shippedAt",
  delivered: "deliveredAt",
  completed: "completedAt",
  cancelled: "cancelledAt",
};

/**
 * The one place an order's status changes. Locks the row, checks the move against the
 * transition table, applies it with a conditional update and writes the status log row,
 * all inside the caller's transaction, together with its `shop/order.status-changed` outbox
 * event (both in the statement of the transaction's audit rows, see insertBeforeCommit).
 * INVALID_TRANSITION changes nothing.
 */
export async function transitionOrder(
  tx: Tx,
  {
    orderId,
    to,
    by,
    patch = {},
    locked,
  }: {
    orderId: string;
    to: OrderStatus;
    by: ActorRef;
    patch?: OrderPatch;
    /** The order as the caller read it under its row lock in this transaction (lockOrder): no second read. */
    locked?: Pick<typeof orders.$inferSelect, "id" | "status" | "userId" | "orderNo">;
  },
): Promise<{ from: OrderStatus; to: OrderStatus }> {
  const [current] =
    locked?.id === orderId
      ? [locked]
      : await tx.select({ status: orders.status, userId: orders.userId, orderNo: orders.orderNo }).from(orders).where(eq(orders.id, orderId)).for("update");
  if (!current) throw new DomainError("ORDER_NOT_FOUND", "Order not found");
  const from = current.status;
  assertTransition(from, to);

  const stamp = TIMESTAMP_FOR[to];
  const set = { ...patch, ...(stamp && !patch[stamp] ? { [stamp]: new Date() } : {}), status: to, updatedAt: new Date() };
  // Built once per shape of the change (see placeholderSet); a value given as SQL is built per call.
  const shaped = placeholderSet(set);
  const updated = shaped
    ? await prepared(tx, `transition-order:${shaped.shape}`, (d) =>
        d
          .update(orders)
          .set(shaped.set)
          .where(and(eq(orders.id, sql.placeholder("orderId")), eq(orders.status, sql.placeholder("from"))))
          .returning({ id: orders.id })
          .prepare("transition_order"),
      ).execute({ ...shaped.values, orderId, from })
    : await tx
        .update(orders)
        .set(set)
        .where(and(eq(orders.id, orderId), eq(orders.status, from)))
        .returning({ id: orders.id });
  if (updated.length === 0) throw new DomainError("CONCURRENT_UPDATE", "The order changed while we were updating it; try again");

  await insertBeforeCommit(tx, orderStatusLog, {
    orderId,
    fromStatus: from,
    toStatus: to,
    actor: by.actor,
    actorId: by.actorId ?? null,
    ...statusLogReason(by),
    requestId: currentRequestContext()?.requestId ?? null,
  });
  await enqueueEvent(tx, "shop/order.status-changed", { orderId, userId: current.userId, orderNo: current.orderNo, from, to, actor: by.actor });
  return { from, to };
}

/**
 * Updates mirror columns (payment_status, logistics_status, sn's) without a status change; a
 * number may be an SQL expression with its values (read from its own module's row by the
 * statement itself, e.g. paymentSnOf).
 */
export async function patchOrderMirrors(tx: Tx, orderId: string, patch: Omit<OrderPatch, "paymentSn"> & { paymentSn?: string | SqlWithValues | null }): Promise<void> {
  // Built once per shape of the patch (see placeholderSet): no value is plain SQL, so there is a shape.
  const shaped = placeholderSet({ ...patch, updatedAt: new Date() })!;
  await prepared(tx, `patch-order-mirrors:${shaped.shape}`, (d) =>
    d
      .update(orders)
      .set(shaped.set)
      .where(eq(orders.id, sql.placeholder("orderId")))
      .prepare("patch_order_mirrors"),
  ).execute({ ...shaped.values, orderId });
}

export type NewOrder = {
  id: string;
  userId: string;
  currency: string;
  items: { productId: string; sku: string; name: string; nameZh: string; unitPriceMinor: number; quantity: number; weightGrams: number }[];
  shippingFeeMinor: number;
  shippingAddress: AddressSnapshot;
  carrierCode?: string | null;
  serviceLevel?: string | null;
  note?: string | null;
  /** How long the shopper has to pay: the deadline is the database's clock at the insert plus this. */
  paymentWindowMs: number;
};

/** What an order of these lines with this shipping fee charges: the one definition checkout and insertOrder share. */
export function payableTotalOf(items: { unitPriceMinor: number; quantity: number }[], shippingFeeMinor: number): number {
  return items.reduce((sum, item) => sum + item.unitPriceMinor * item.quantity, 0) + shippingFeeMinor;
}

/**
 * Inserts an order awaiting payment with its item snapshots and first status-log row (the log
 * row with the transaction's other audit rows, before the commit). The insert draws the order
 * number from its sequence (nextOrderNoSql) and computes the payment deadline by the
 * database's clock, to the millisecond as a Date carries it: neither costs a statement.
 */
export async function insertOrder(tx: Tx, order: NewOrder, by: ActorRef) {
  const lines = order.items.map((item) => ({ ...item, orderId: order.id, lineTotalMinor: item.unitPriceMinor * item.quantity }));
  const itemsTotalMinor = payableTotalOf(lines, 0);
  // Both inserts are built once (the items once per number of lines, up to a few) and go out
  // together (one round trip); PostgreSQL runs them in this order.
  const insert = prepared(tx, "insert-order", (d) =>
    d
      .insert(orders)
      .values({
        id: sql.placeholder("id"),
        orderNo: nextOrderNoSql(sql.placeholder("orderNoPrefix")),
        userId: sql.placeholder("userId"),
        status: "pending_payment",
        currency: sql.placeholder("currency"),
        itemsTotalMinor: sql.placeholder("itemsTotalMinor"),
        shippingFeeMinor: sql.placeholder("shippingFeeMinor"),
        payableTotalMinor: sql.placeholder("payableTotalMinor"),
        shippingAddress: sql.placeholder("shippingAddress"),
        carrierCode: sql.placeholder("carrierCode"),
        serviceLevel: sql.placeholder("serviceLevel"),
        note: sql.placeholder("note"),
        paymentDeadlineAt: sql`date_trunc('milliseconds', now() + make_interval(secs => ${sql.placeholder("paymentWindowSecs")}))`,
      })
      .returning()
      .prepare("insert_order"),
  );
  const items = placeholderRows(lines);
  const [[row]] = await Promise.all([
    insert.execute({
      id: order.id,
      orderNoPrefix: orderNoPrefix(new Date()),
      userId: order.userId,
      currency: order.currency,
      itemsTotalMinor,
      shippingFeeMinor: order.shippingFeeMinor,
      payableTotalMinor: itemsTotalMinor + order.shippingFeeMinor,
      shippingAddress: order.shippingAddress,
      carrierCode: order.carrierCode ?? null,
      serviceLevel: order.serviceLevel ?? null,
      note: order.note ?? null,
      paymentWindowSecs: order.paymentWindowMs / 1000,
    }),
    items
      ? prepared(tx, `insert-order-items:${items.shape}`, (d) => d.insert(orderItems).values(items.rows).prepare("insert_order_items")).execute(items.values)
      : tx.insert(orderItems).values(lines),
    insertBeforeCommit(tx, orderStatusLog, {
      orderId: order.id,
      fromStatus: null,
      toStatus: "pending_payment",
      actor: by.actor,
      actorId: by.actorId ?? null,
      ...statusLogReason({ reason: by.reason ?? because("order.placed"), note: by.note }),
      requestId: currentRequestContext()?.requestId ?? null,
    }),
  ]);
  return row!;
}

type DetailItem = ShopperOrder["items"][number];
type DetailHistory = Omit<ShopperOrder["history"][number], "createdAt"> & { createdAtMs: number };

/**
 * An order with its item snapshots and status history in ONE statement (one round trip):
 * the children ride along as JSON arrays built by the database. (drizzle leaves columns
 * unqualified in a one-table select, so the outer id is named explicitly.)
 */
function orderDetailQuery(db: DbOrTx, where: SQL) {
  return db
    .select({
      order: orders,
      items: sql<DetailItem[]>`(
        select coalesce(json_agg(json_build_object(
          'id', i.id, 'productId', i.product_id, 'sku', i.sku, 'name', i.name, 'nameZh', i.name_zh,
          'imageUrl', (select p.image_url from ${products} p where p.id = i.product_id),
          'unitPriceMinor', i.unit_price_minor, 'quantity', i.quantity, 'lineTotalMinor', i.line_total_minor
        ) order by i.sku), '[]'::json)
        from ${orderItems} i where i.order_id = ${orders}.${sql.identifier("id")})`,
      history: sql<DetailHistory[]>`(
        select coalesce(json_agg(json_build_object(
          'fromStatus', l.from_status, 'toStatus', l.to_status, 'actor', l.actor,
          'createdAtMs', extract(epoch from l.created_at) * 1000
        ) order by l.id), '[]'::json)
        from ${orderStatusLog} l where l.order_id = ${orders}.${sql.identifier("id")})`,
    })
    .from(orders)
    .where(where)
    .limit(1);
}

type OrderDetailRow = Awaited<ReturnType<typeof orderDetailQuery>>[number];

/**
 * Built with Object.assign and plain literals rather than `{ ...row.order, items, history }`:
 * once optimised, V8 (Node 20) gives every object made by a spread followed by more keys a map
 * of its own, which is slow to make and keeps the order's objects alive past their request
 * until the next full collection (docs/performance.md, round 6).
 */
function toOrderDetail(row: OrderDetailRow | undefined): ShopperOrder | null {
  if (!row) return null;
  const history = row.history.map((entry) => ({ fromStatus: entry.fromStatus, toStatus: entry.toStatus, actor: entry.actor, createdAt: new Date(entry.createdAtMs) }));
  return Object.assign({}, row.order, { items: row.items, history });
}

async function loadOrderDetail(db: DbOrTx, where: SQL): Promise<ShopperOrder | null> {
  const [row] = await orderDetailQuery(db, where);
  return toOrderDetail(row);
}

/** One of the shopper's own orders; ORDER_NOT_FOUND for anyone else's (never the data). */
export async function getShopperOrder(db: DbOrTx, { userId, orderId }: { userId: string; orderId: string }): Promise<ShopperOrder> {
  // The hottest read of a shopper's session: built once, executed with the two ids.
  const query = prepared(db, "shopper-order-detail", (d) =>
    orderDetailQuery(d, and(eq(orders.id, sql.placeholder("orderId")), eq(orders.userId, sql.placeholder("userId")))!).prepare("shopper_order_detail"),
  );
  const [row] = await query.execute({ orderId, userId });
  const order = toOrderDetail(row);
  if (!order) throw new DomainError("ORDER_NOT_FOUND", "Order not found");
  return order;
}

/**
 * The number of one of the shopper's orders, or null when the order is not theirs (or does not
 * exist): what a notification about the order shows, without the whole order view.
 */
export async function shopperOrderNo(db: DbOrTx, { userId, orderId }: { userId: string; orderId: string }): Promise<string | null> {
  // Built once: the notifications consumer asks this for nearly every event it is handed.
  const query = prepared(db, "shopper-order-no", (d) =>
    d
      .select({ orderNo: orders.orderNo })
      .from(orders)
      .where(and(eq(orders.id, sql.placeholder("orderId")), eq(orders.userId, sql.placeholder("userId"))))
      .prepare("shopper_order_no"),
  );
  const [row] = await query.execute({ orderId, userId });
  return row?.orderNo ?? null;
}

/**
 * The numbers of many orders at once, each read through its shopper's ownership (as
 * shopperOrderNo): the answer knows an order's number only when asked with the shopper it
 * belongs to. One statement for a whole batch (the notifications consumer's), whatever its size.
 */
export async function shopperOrderNos(db: DbOrTx, refs: { userId: string; orderId: string }[]): Promise<(ref: { userId: string; orderId: string }) => string | null> {
  const found = new Map<string, string>();
  const keyOf = ({ userId, orderId }: { userId: string; orderId: string }) => `${userId}/${orderId}`;
  if (refs.length > 0) {
    // Built once: the pairs go as one JSON parameter, one statement for every batch size.
    const query = prepared(db, "shopper-order-nos", (d) =>
      d
        .select({ userId: orders.userId, id: orders.id, orderNo: orders.orderNo })
        .from(orders)
        .where(
          sql`(${orders.id}, ${orders.userId}) in (select ref."orderId", ref."userId" from jsonb_to_recordset(${sql.placeholder("refs")}::jsonb) as ref("orderId" uuid, "userId" uuid))`,
        )
        .prepare("shopper_order_nos"),
    );
    for (const row of await query.execute({ refs: JSON.stringify(refs.map(({ userId, orderId }) => ({ userId, orderId }))) })) {
      found.set(keyOf({ userId: row.userId, orderId: row.id }), row.orderNo);
    }
  }
  return (ref) => found.get(keyOf(ref)) ?? null;
}

/** The shopper's orders, newest first. */
export async function listShopperOrders(
  db: DbOrTx,
  { userId, page = 1, pageSize = 10, status }: { userId: string; page?: number; pageSize?: number; status?: OrderStatus },
) {
  const where = status ? and(eq(orders.userId, userId), eq(orders.status, status)) : eq(orders.userId, userId);
  const rows = status
    ? await shopperOrdersQuery(db, where!).limit(pageSize).offset((page - 1) * pageSize)
    : // Unfiltered, as "my orders" opens on every view: built once.
      await prepared(db, "shopper-orders-page", (d) =>
        shopperOrdersQuery(d, eq(orders.userId, sql.placeholder("userId")))
          .limit(sql.placeholder("limit"))
          .offset(sql.placeholder("offset"))
          .prepare("shopper_orders_page"),
      ).execute({ userId, limit: pageSize, offset: (page - 1) * pageSize });
  return {
    items: rows.map(({ total: _t, ...row }) => row),
    total: rows[0]?.total ?? (page > 1 ? await countOrders(db, where!) : 0),
    page,
    pageSize,
  };
}

/** A page of the shopper's orders as the list shows them, newest first, with the total on each row. */
function shopperOrdersQuery(db: DbOrTx, where: SQL) {
  return db
    .select({
      id: orders.id,
      orderNo: orders.orderNo,
      status: orders.status,
      paymentStatus: orders.paymentStatus,
      logisticsStatus: orders.logisticsStatus,
      currency: orders.currency,
      payableTotalMinor: orders.payableTotalMinor,
      createdAt: orders.createdAt,
      // drizzle leaves columns unqualified in a one-table select, and a bare "id" inside the
      // subquery would mean order_items.id: name the outer table explicitly.
      itemCount: sql<number>`(select coalesce(sum(${orderItems.quantity}), 0)::int from ${orderItems} where ${orderItems.orderId} = ${orders}.${sql.identifier("id")})`,
      total: sql<number>`count(*) over ()::int`,
    })
    .from(orders)
    .where(where)
    .orderBy(desc(orders.createdAt), desc(orders.orderNo))
    .$dynamic();
}

async function countOrders(db: DbOrTx, where: SQL) {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(orders).innerJoin(users, eq(users.id, orders.userId)).where(where);
  return row?.n ?? 0;
}

const ADMIN_ORDER_LIST_SORTS: Record<AdminOrdersSort, KeysetSort> = {
  created_desc: { name: "created_desc", key: orders.createdAt, keyKind: "time", id: orders.id, direction: "desc" },
  created_asc: { name: "created_asc", key: orders.createdAt, keyKind: "time", id: orders.id, direction: "asc" },
};

/**
 * Every order, filtered and paged on the server for the admin list: keyset pages (or a page
 * number) and a total exact up to 1,000 rows, an estimate above (src/server/db/list-page.ts).
 */
export async function listOrdersForAdmin(db: DbOrTx, rawInput: AdminOrdersInput) {
  const input = ZAdminOrdersInput.parse(rawInput);
  const filters: SQL[] = [];
  if (input.status) filters.push(eq(orders.status, input.status));
  if (input.orderNo) filters.push(ilike(orders.orderNo, `%${input.orderNo.replace(/[\\%_]/g, "\\$&")}%`));
  if (input.shopper) {
    const pattern = `%${input.shopper.replace(/[\\%_]/g, "\\$&")}%`;
    filters.push(or(ilike(users.email, pattern), ilike(users.name, pattern))!);
  }
  if (input.from) filters.push(gte(orders.createdAt, input.from));
  if (input.to) filters.push(lt(orders.createdAt, input.to));
  const where = filters.length ? and(...filters) : undefined;
  const sort = ADMIN_ORDER_LIST_SORTS[input.sort];
  const [page, total] = await Promise.all([
    keysetPage(sort, input, ({ where: after, orderBy, limit, offset }) =>
      db
        .select({
          id: orders.id,
          orderNo: orders.orderNo,
          status: orders.status,
          paymentStatus: orders.paymentStatus,
          logisticsStatus: orders.logisticsStatus,
          currency: orders.currency,
          payableTotalMinor: orders.payableTotalMinor,
          createdAt: orders.createdAt,
          shopperEmail: users.email,
          shopperName: users.name,
          cursorKey: cursorKeyOf(sort),
        })
        .from(orders)
        .innerJoin(users, eq(users.id, orders.userId))
        .where(withPage(where, after))
        .orderBy(...orderBy)
        .limit(limit)
        .offset(offset),
    ),
    countMatching(db, {
      table: "orders",
      filtered: where !== undefined,
      query: input.shopper
        ? db.select({ one: sql`1` }).from(orders).innerJoin(users, eq(users.id, orders.userId)).where(where)
        : db.select({ one: sql`1` }).from(orders).where(where),
    }),
  ]);
  return { ...page, ...total };
}

/** Any order with its shopper, for admins. */
export async function getOrderForAdmin(db: DbOrTx, orderId: string) {
  const order = await loadOrderDetail(db, eq(orders.id, orderId));
  if (!order) throw new DomainError("ORDER_NOT_FOUND", "Order not found");
  const [shopper] = await db
    .select({ id: users.id, email: users.email, name: users.name })
    .from(users)
    .innerJoin(orders, eq(orders.userId, users.id))
    .where(eq(orders.id, orderId));
  const fullHistory = await db.select().from(orderStatusLog).where(eq(orderStatusLog.orderId, orderId)).orderBy(asc(orderStatusLog.id));
  return { ...order, shopper: shopper!, statusLog: fullHistory };
}

/** An order row as stored. */
export type OrderRow = typeof orders.$inferSelect;

/** Locks an order row for the rest of the transaction and returns it. */
export async function lockOrder(tx: Tx, orderId: string): Promise<OrderRow> {
  // Three times per paid order, each in a transaction: built once, executed on the transaction's connection.
  const query = prepared(tx, "lock-order", (d) => d.select().from(orders).where(eq(orders.id, sql.placeholder("orderId"))).for("update").prepare("lock_order"));
  const [row] = await query.execute({ orderId });
  if (!row) throw new DomainError("ORDER_NOT_FOUND", "Order not found");
  return row;
}

/**
 * Locks an order row like lockOrder and reads, in the same statement, the DATABASE's clock and
 * whether the order's payment deadline has passed by it (false without a deadline): no round
 * trip of its own for the time.
 */
export async function lockOrderWithClock(tx: Tx, orderId: string): Promise<{ order: OrderRow; now: Date; pastDeadline: boolean }> {
  const query = prepared(tx, "lock-order-with-clock", (d) =>
    d
      .select({ order: getTableColumns(orders), now: sql<Date>`now()`.mapWith(orders.createdAt), pastDeadline: sql<boolean>`coalesce(now() >= ${orders.paymentDeadlineAt}, false)` })
      .from(orders)
      .where(eq(orders.id, sql.placeholder("orderId")))
      .for("update")
      .prepare("lock_order_with_clock"),
  );
  const [row] = await query.execute({ orderId });
  if (!row) throw new DomainError("ORDER_NOT_FOUND", "Order not found");
  return row;
}
