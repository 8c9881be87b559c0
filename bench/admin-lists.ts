import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import postgres from "postgres";
import { ROOT, stopChild } from "../scripts/lib";
import { hashPassword } from "../src/server/domain/user/password";
import { ensureAdminListsDatabase } from "./admin-lists-data";
import { sampleCpu } from "./proc";

/**
 * BENCH_ONLY=admin-lists: the admin screens at a million orders, measured as the browser asks
 * for them with an admin's session cookie — a list's view is its built page's HTML plus the
 * batched API call its script then sends (the header and the list's page) — one admin alone,
 * then four at once.
 *
 * Pages: payments, refunds and orders lists, first page and page 50 (reached by following
 * Next, so page 50's cursor is the one a person clicking Next 49 times would reach), the
 * shipments, products and low-stock lists' first page, the users list's first page and page 40
 * (numbered pages: `?page=40`, the last full page of the bench's 1,000 shoppers), and the
 * payments report over a year (rendered per request). The database is BENCH_ADMIN_DB
 * (postgres://postgres@127.0.0.1:5432/shopflow_bench_1m), loaded once with BENCH_ADMIN_ORDERS
 * (1,000,000) orders and reused (see bench/admin-lists-data.ts). A smaller database for a quick
 * run needs a name of its own and at least 20,000 orders (one in twenty has a refund, and the
 * refunds list's page 50 needs 1,000), e.g. BENCH_ADMIN_ORDERS=25000
 * BENCH_ADMIN_DB=postgres://postgres@127.0.0.1:5432/shopflow_bench_25k.
 *
 * Beside the pages, the queries these screens ran before keyset pages and roll-ups (an exact
 * count joined to orders, OFFSET paging, the report grouped over every payment of the year) are
 * timed directly on the same database, for the before/after comparison.
 */

const PASSWORD = "bench-password-1";
const ADMIN_EMAIL = "bench-admin@bench.example";
const TARGET_ALONE_MS = 100;
const TARGET_P95_4_MS = 250;

type Timing = { name: string; url: string; aloneP50: number; aloneMax: number; p95x4: number; serverCpuMs: number; postgresCpuMs: number; htmlCpuMs?: number };

function chinaDay(daysAgo: number): string {
  return new Date(Date.now() + 8 * 3_600_000 - daysAgo * 86_400_000).toISOString().slice(0, 10);
}

const quantile = (values: number[], q: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
};

/** CPU ms of this database's PostgreSQL backends (the server's connections), from /proc. */
async function backendCpu(sql: postgres.Sql, database: string): Promise<Map<number, number>> {
  const pids = await sql<{ pid: number }[]>`select pid from pg_stat_activity where datname = ${database} and pid <> pg_backend_pid()`;
  const out = new Map<number, number>();
  for (const { pid } of pids) {
    try {
      const text = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
      const fields = text.slice(text.lastIndexOf(")") + 2).split(" ");
      out.set(pid, (Number(fields[11]) + Number(fields[12])) * 10);
    } catch {
      // not on this machine, or gone
    }
  }
  return out;
}

async function signIn(base: string): Promise<string> {
  const csrf = await fetch(`${base}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const csrfCookie = csrf.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
  const res = await fetch(`${base}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: csrfCookie },
    body: new URLSearchParams({ csrfToken, email: ADMIN_EMAIL, password: PASSWORD, callbackUrl: base, json: "true" }),
  });
  const session = res.headers.getSetCookie().find((c) => c.startsWith("next-auth.session-token="));
  if (!session) throw new Error(`admin sign-in failed: HTTP ${res.status}`);
  return session.split(";")[0]!;
}

/** One view of a page as the browser loads it: the HTML, then (a list built once per language) the API batch its script sends. */
type View = { name: string; url: string; api?: string };

async function fetchOk(base: string, url: string, cookie: string): Promise<string> {
  const res = await fetch(`${base}${url}`, { headers: { cookie } });
  const text = await res.text();
  if (!res.ok) throw new Error(`${url}: HTTP ${res.status} ${text.slice(0, 200)}`);
  return text;
}

async function load(base: string, view: Pick<View, "url" | "api">, cookie: string): Promise<{ ms: number; html: string }> {
  const start = performance.now();
  const html = await fetchOk(base, view.url, cookie);
  if (view.api) {
    const answers = JSON.parse(await fetchOk(base, view.api, cookie)) as { error?: unknown }[];
    const failed = answers.find((a) => a.error);
    if (failed) throw new Error(`${view.api}: ${JSON.stringify(failed.error).slice(0, 300)}`);
  }
  return { ms: performance.now() - start, html };
}

/**
 * The admin lists read their rows in the browser: after the built page, its script asks for who
 * is signed in (the header) and the list's page in one batched GET, with the filters and the
 * cursor of the URL. This is that call, as `httpBatchLink` sends it (superjson's envelope).
 */
const LISTS = {
  "/admin/payments": ["adminPayment.list"],
  "/admin/refunds": ["adminPayment.refunds.list"],
  "/admin/orders": ["adminOrder.list"],
  "/admin/shipments": ["adminLogistics.list", "adminCarriers.list", "adminLogistics.toShip"],
  // Numbered pages (`?page=n`, 25 rows), read as the list's script asks for them.
  "/admin/products": ["adminCatalog.products", "adminCatalog.categories"],
  "/admin/stock": ["adminStock.lowStock"],
  "/admin/users": ["adminUsers.list"],
} as const;
type ListPath = keyof typeof LISTS;
type KeysetList = "/admin/payments" | "/admin/refunds" | "/admin/orders";

/** Where a list starts: a keyset list's cursor, or a numbered list's page. */
type ListAt = { cursor?: string; page?: number };

function listInput(procedure: string, at: ListAt = {}): unknown {
  if (procedure === "adminCarriers.list" || procedure === "adminCatalog.categories") return undefined;
  if (procedure === "adminLogistics.toShip") return { limit: 20 };
  if (procedure === "adminCatalog.products" || procedure === "adminStock.lowStock" || procedure === "adminUsers.list") return { page: at.page ?? 1, pageSize: 25 };
  return { pageSize: 20, sort: "created_desc", ...(at.cursor ? { cursor: at.cursor } : {}) };
}

function browserCall(list: ListPath, at: ListAt): string {
  const procedures = ["auth.header", ...LISTS[list]];
  const input: Record<number, { json: unknown }> = {};
  procedures.forEach((procedure, i) => {
    const value = i === 0 ? undefined : listInput(procedure, at);
    if (value !== undefined) input[i] = { json: value };
  });
  return `/api/trpc/${procedures.join(",")}?batch=1&input=${encodeURIComponent(JSON.stringify(input))}`;
}

function listView(name: string, list: ListPath, at: ListAt = {}): View {
  const query = at.cursor ? `?cursor=${encodeURIComponent(at.cursor)}` : at.page ? `?page=${at.page}` : "";
  return { name, url: `${list}${query}`, api: browserCall(list, at) };
}

/** Page `page` of a list, reached by following Next from the first page, as a person clicking Next would: its cursor. */
async function walkTo(base: string, list: KeysetList, cookie: string, page: number): Promise<{ cursor: string }> {
  let cursor: string | undefined;
  for (let p = 1; p < page; p++) {
    const procedure = LISTS[list][0];
    const query = encodeURIComponent(JSON.stringify({ json: listInput(procedure, { cursor }) }));
    const answer = JSON.parse(await fetchOk(base, `/api/trpc/${procedure}?input=${query}`, cookie)) as { result: { data: { json: { nextCursor: string | null } } } };
    const next = answer.result.data.json.nextCursor;
    if (!next) throw new Error(`${list}: no next page after page ${p}`);
    cursor = next;
  }
  return { cursor: cursor! };
}

async function time(base: string, view: View, cookie: string, sql: postgres.Sql, database: string, serverPid: number): Promise<Timing> {
  await load(base, view, cookie); // warm
  const cpuBefore = sampleCpu(serverPid, process.pid).serverMs;
  const pgBefore = await backendCpu(sql, database);
  const alone: number[] = [];
  for (let i = 0; i < 10; i++) alone.push((await load(base, view, cookie)).ms);
  const pgAfter = await backendCpu(sql, database);
  const serverCpuMs = (sampleCpu(serverPid, process.pid).serverMs - cpuBefore) / alone.length;
  let pgMs = 0;
  for (const [pid, ms] of pgAfter) pgMs += ms - (pgBefore.get(pid) ?? 0);
  const together: number[] = [];
  await Promise.all(
    Array.from({ length: 4 }, async () => {
      for (let i = 0; i < 8; i++) together.push((await load(base, view, cookie)).ms);
    }),
  );
  // Of a view's server CPU, what the built page's HTML costs alone (the rest is the API batch).
  let htmlCpuMs: number | undefined;
  if (view.api) {
    const htmlBefore = sampleCpu(serverPid, process.pid).serverMs;
    for (let i = 0; i < 10; i++) await load(base, { url: view.url }, cookie);
    htmlCpuMs = (sampleCpu(serverPid, process.pid).serverMs - htmlBefore) / 10;
  }
  return { htmlCpuMs, name: view.name, url: view.url, aloneP50: quantile(alone, 0.5), aloneMax: Math.max(...alone), p95x4: quantile(together, 0.95), serverCpuMs, postgresCpuMs: pgMs / alone.length };
}

/** What the screens asked PostgreSQL before this round, timed directly (median of 3). */
async function legacyQueries(sql: postgres.Sql, yearFrom: string, yearTo: string) {
  const run = async (name: string, query: () => Promise<unknown>) => {
    const times: number[] = [];
    for (let i = 0; i < 3; i++) {
      const start = performance.now();
      await query();
      times.push(performance.now() - start);
    }
    return { name, ms: quantile(times, 0.5) };
  };
  const pageQuery = (offset: number) => sql`
    select p.id, p.payment_sn, o.order_no, u.email from payments p join orders o on o.id = p.order_id join users u on u.id = p.user_id
    order by p.created_at desc, p.payment_sn desc limit 20 offset ${offset}`;
  return [
    await run("payments list count(*) joined to orders (every page)", () => sql`select count(*)::int from payments p join orders o on o.id = p.order_id`),
    await run("payments list rows, page 1 (OFFSET 0)", () => pageQuery(0)),
    await run("payments list rows, page 50 (OFFSET 980)", () => pageQuery(980)),
    await run("refunds list count(*) joined to orders", () => sql`select count(*)::int from refunds r join orders o on o.id = r.order_id`),
    await run("orders list count(*) joined to users", () => sql`select count(*)::int from orders o join users u on u.id = o.user_id`),
    await run("payments report over a year, grouped from payments", () => sql`
      select to_char(created_at at time zone 'Asia/Shanghai', 'YYYY-MM-DD') as day, status, method, count(*)::int, sum(amount_minor), sum(refunded_minor)
      from payments
      where created_at >= (${yearFrom}::date::timestamp at time zone 'Asia/Shanghai') and created_at < ((${yearTo}::date + 1)::timestamp at time zone 'Asia/Shanghai')
      group by 1, 2, 3 order by 1`),
  ];
}

export async function runAdminLists({ port, log }: { port: number; log: (m: string) => void }) {
  const url = process.env.BENCH_ADMIN_DB ?? "postgres://postgres@127.0.0.1:5432/shopflow_bench_1m";
  const database = new URL(url).pathname.slice(1);
  const orders = Number(process.env.BENCH_ADMIN_ORDERS ?? 1_000_000);
  const passwordHash = await hashPassword(PASSWORD);
  await ensureAdminListsDatabase(url, { orders, shoppers: 1000, passwordHash, log });
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  await sql`insert into users (email, name, password_hash, role) values (${ADMIN_EMAIL}, 'Bench Admin', ${passwordHash}, 'admin') on conflict (email) do nothing`;
  await sql`insert into app_settings (namespace, value) values ('api', ${sql.json({ requestsPerMinute: 1_000_000 })}) on conflict (namespace) do update set value = excluded.value`;
  const yearTo = chinaDay(1);
  const yearFrom = chinaDay(365);
  log("timing the queries of the previous round directly…");
  const before = await legacyQueries(sql, yearFrom, yearTo);
  for (const b of before) log(`  before: ${b.name}: ${b.ms.toFixed(0)} ms`);

  const base = `http://127.0.0.1:${port}`;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "shopflow-bench-admin-"));
  const logFile = path.join(dataDir, "server.log");
  const logFd = fs.openSync(logFile, "a");
  let server: ChildProcess | undefined;
  try {
    server = spawn(process.execPath, ["--import", "tsx", path.join(ROOT, "scripts", "start.ts")], {
      cwd: ROOT,
      stdio: ["ignore", logFd, logFd],
      env: { ...process.env, DATABASE_URL: url, PORT: String(port), SHOPFLOW_DATA_DIR: dataDir, NEXTAUTH_URL: base, NODE_ENV: "production", SEED_DEMO: "0", SCHEDULER_MODE: "off" },
    });
    const deadline = Date.now() + 600_000;
    for (;;) {
      if (server.exitCode !== null) throw new Error(`the server exited (log ${logFile})`);
      if (Date.now() > deadline) throw new Error("the server did not become ready");
      const ready = await fetch(`${base}/api/ready`).then((r) => r.ok, () => false);
      if (ready) break;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    log(`server ready at ${base} (log ${logFile}); signing in as an admin…`);
    const cookie = await signIn(base);
    const views: View[] = [
      listView("payments list, first page", "/admin/payments"),
      listView("payments list, page 50", "/admin/payments", await walkTo(base, "/admin/payments", cookie, 50)),
      listView("refunds list, first page", "/admin/refunds"),
      listView("refunds list, page 50", "/admin/refunds", await walkTo(base, "/admin/refunds", cookie, 50)),
      listView("orders list, first page", "/admin/orders"),
      listView("orders list, page 50", "/admin/orders", await walkTo(base, "/admin/orders", cookie, 50)),
      listView("shipments list, first page", "/admin/shipments"),
      listView("products list, first page", "/admin/products"),
      listView("low-stock list, first page", "/admin/stock"),
      listView("users list, first page", "/admin/users"),
      listView("users list, page 40", "/admin/users", { page: 40 }),
      { name: "payments report, one year", url: `/admin/reports/payments?from=${yearFrom}&to=${yearTo}` },
    ];
    const timings: Timing[] = [];
    for (const view of views) {
      const { name } = view;
      const t = await time(base, view, cookie, sql, database, server.pid!);
      timings.push(t);
      log(`  ${name}: alone p50 ${t.aloneP50.toFixed(0)} ms (max ${t.aloneMax.toFixed(0)}), 4 admins p95 ${t.p95x4.toFixed(0)} ms, server ${t.serverCpuMs.toFixed(1)} + pg ${t.postgresCpuMs.toFixed(1)} CPU ms/view`);
    }
    const [counted] = await sql<{ n: number }[]>`select count(*)::int as n from payments`;
    const paymentCount = counted?.n ?? 0;
    return { orders, payments: paymentCount, before, timings, targets: { aloneMs: TARGET_ALONE_MS, p95x4Ms: TARGET_P95_4_MS } };
  } finally {
    if (server) await stopChild(server);
    await sql.end();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

export function printAdminLists(result: Awaited<ReturnType<typeof runAdminLists>>) {
  console.log(`\nadmin screens at ${result.orders.toLocaleString("en")} orders (${result.payments.toLocaleString("en")} payments)`);
  console.log("\nbefore (the previous round's queries, run directly):");
  for (const b of result.before) console.log(`  ${b.name.padEnd(56)} ${b.ms.toFixed(0).padStart(6)} ms`);
  console.log(`\nnow (a view: page HTML + the browser's API batch, with an admin cookie; target alone ≤ ${result.targets.aloneMs} ms, 4 admins p95 ≤ ${result.targets.p95x4Ms} ms):`);
  for (const t of result.timings) {
    const met = t.aloneP50 <= result.targets.aloneMs && t.p95x4 <= result.targets.p95x4Ms ? "yes" : "NO";
    console.log(
      `  ${t.name.padEnd(30)} alone p50 ${t.aloneP50.toFixed(0).padStart(5)} ms  4 admins p95 ${t.p95x4.toFixed(0).padStart(5)} ms  server ${t.serverCpuMs.toFixed(1).padStart(6)} + pg ${t.postgresCpuMs.toFixed(1).padStart(6)} CPU ms/view${t.htmlCpuMs === undefined ? "" : ` (HTML alone ${t.htmlCpuMs.toFixed(1)})`}  met ${met}`,
    );
  }
  console.log("");
}
