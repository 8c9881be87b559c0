import Link from "next/link";
import { ProductForm } from "@/components/catalog/admin/product-form";
import { ProductImageUpload } from "@/components/catalog/admin/product-image-upload";
import { ProductImage } from "@/components/shop/product-image";
import { ProductStatusActions } from "@/components/catalog/admin/product-status-actions";
import { StockForms } from "@/components/catalog/admin/stock-forms";
import { Badge } from "@/components/ui/badge";
import { DataTable } from "@/components/ui/data-table";
import { getLocale, getTranslations } from "@/i18n/server";
import { formatDateTime } from "@/lib/dates";
import { formatMoney } from "@/lib/money";
import { api, orNotFound } from "@/trpc/server";

/** Audited fields that have a label of their own in the product form. */
const FIELD_KEYS = {
  sku: 1,
  nameEn: 1,
  nameZh: 1,
  descriptionEn: 1,
  descriptionZh: 1,
  categoryId: 1,
  warehouseId: 1,
  weightGrams: 1,
  lengthMm: 1,
  widthMm: 1,
  heightMm: 1,
  lowStockThreshold: 1,
} as const;

export async function generateMetadata() {
  const t = await getTranslations("catalog.admin.products");
  return { title: t("edit") };
}

/** One product: its fields, visibility, stock (receive, correct, movement history) and change history. */
export default async function EditProductPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ created?: string }> }) {
  const [{ id }, query, t, ti, locale, caller] = await Promise.all([params, searchParams, getTranslations("catalog"), getTranslations("images"), getLocale(), api()]);
  const product = await orNotFound(caller.adminCatalog.productById({ id }));
  const [categories, warehouses, movements, changes] = await Promise.all([
    caller.adminCatalog.categories(),
    caller.adminCatalog.warehouses(),
    caller.adminStock.movements({ productId: id, pageSize: 50 }),
    caller.adminCatalog.changes({ entity: "product", entityId: id, pageSize: 50 }),
  ]);
  const { status, onHand, reserved, available, imageUrl, createdAt: _c, updatedAt: _u, currency: _cur, ...fields } = product;
  const displayName = locale === "zh-CN" && product.nameZh ? product.nameZh : product.nameEn;
  const categoryName = new Map(categories.map((c) => [c.id, locale === "zh-CN" ? c.nameZh : c.nameEn]));
  const warehouseName = new Map(warehouses.map((w) => [w.id, w.name]));
  const fieldLabel = (key: string) => (key === "image" ? ti("history.field") : key === "priceMinor" ? t("admin.fields.price") : key === "status" ? t("admin.statusActions.title") : key in FIELD_KEYS ? t(`admin.fields.${key as keyof typeof FIELD_KEYS}`) : key);
  const auditValue = (key: string, value: unknown) => {
    if (value === null || value === undefined) return "—";
    if (key === "image") return <ProductImage imageUrl={String(value)} alt={displayName} size="grid" className="inline-block h-8 w-8 align-middle" />;
    if (key === "priceMinor" && typeof value === "number") return formatMoney(value, product.currency, locale);
    if (key === "status" && (value === "visible" || value === "hidden" || value === "archived")) return t(`status.${value}`);
    if (key === "categoryId") return categoryName.get(String(value)) ?? String(value);
    if (key === "warehouseId") return warehouseName.get(String(value)) ?? String(value);
    return String(value);
  };
  return (
    <div className="space-y-6">
      <Link href="/admin/products" className="text-sm text-brand-700 hover:underline">
        ← {t("admin.products.back")}
      </Link>
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="text-2xl font-semibold">{displayName}</h1>
        <Badge tone={status === "visible" ? "success" : status === "hidden" ? "warning" : "neutral"}>{t(`status.${status}`)}</Badge>
      </div>
      {query.created === "1" && (
        <p role="status" className="rounded-md bg-emerald-50 p-3 text-sm text-emerald-800">
          {t("admin.products.created")}
        </p>
      )}
      <ProductImageUpload productId={product.id} imageUrl={imageUrl} productName={displayName} />
      <ProductForm
        initial={fields}
        categories={categories.map((c) => ({ id: c.id, label: locale === "zh-CN" ? c.nameZh : c.nameEn }))}
        warehouses={warehouses.map((w) => ({ id: w.id, label: `${w.name} (${w.city})` }))}
      />
      <ProductStatusActions id={product.id} status={status} />
      <section aria-labelledby="stock-title" className="space-y-4">
        <h2 id="stock-title" className="text-lg font-semibold">
          {t("admin.stock.title")}
        </h2>
        <dl className="grid max-w-md grid-cols-3 gap-3 text-center" aria-label={t("admin.stock.title")}>
          {(
            [
              ["onHand", onHand],
              ["reserved", reserved],
              ["available", available],
            ] as const
          ).map(([key, value]) => (
            <div key={key} className="rounded-lg border border-slate-200 bg-white p-3">
              <dt className="text-xs text-slate-500">{t(`admin.stock.${key}`)}</dt>
              <dd className="text-xl font-semibold" data-testid={`stock-${key}`}>
                {value}
              </dd>
            </div>
          ))}
        </dl>
        <StockForms productId={product.id} onHand={onHand} />
        <h3 className="font-medium">{t("admin.stock.historyTitle")}</h3>
        <DataTable
          label={t("admin.stock.historyTitle")}
          rows={movements.items}
          rowKey={(m) => String(m.id)}
          empty={t("admin.stock.historyEmpty")}
          columns={[
            { id: "when", header: t("admin.stock.columns.when"), className: "whitespace-nowrap", cell: (m) => formatDateTime(m.createdAt, locale) },
            { id: "kind", header: t("admin.stock.columns.kind"), cell: (m) => t(`movementKind.${m.kind}`) },
            { id: "quantity", header: t("admin.stock.columns.quantity"), align: "right", cell: (m) => (m.kind === "adjust" && m.quantity > 0 ? `+${m.quantity}` : m.quantity) },
            {
              id: "order",
              header: t("admin.stock.columns.order"),
              cell: (m) =>
                m.orderId && m.orderNo ? (
                  <Link className="font-mono text-xs text-brand-700 hover:underline" href={`/admin/orders/${m.orderId}`}>
                    {m.orderNo}
                  </Link>
                ) : (
                  "—"
                ),
            },
            { id: "by", header: t("admin.stock.columns.by"), cell: (m) => m.actorName ?? "—" },
            { id: "note", header: t("admin.stock.columns.note"), cell: (m) => m.note ?? "" },
          ]}
        />
      </section>
      <section aria-labelledby="history-title" className="space-y-3">
        <h2 id="history-title" className="text-lg font-semibold">
          {t("admin.history.title")}
        </h2>
        <DataTable
          label={t("admin.history.title")}
          rows={changes.items}
          rowKey={(c) => String(c.id)}
          empty={t("admin.history.empty")}
          columns={[
            { id: "when", header: t("admin.history.columns.when"), className: "whitespace-nowrap", cell: (c) => formatDateTime(c.createdAt, locale) },
            { id: "by", header: t("admin.history.columns.by"), cell: (c) => c.changedByName ?? "—" },
            {
              id: "action",
              header: t("admin.history.columns.action"),
              cell: (c) => (c.action === "create" || c.action === "update" || c.action === "status" ? t(`admin.history.actions.${c.action}`) : c.action === "image" ? ti("history.action") : c.action === "image_removed" ? ti("history.removed") : c.action),
            },
            {
              id: "fields",
              header: t("admin.history.columns.fields"),
              cell: (c) => (
                <ul className="space-y-0.5 text-xs">
                  {Object.keys(c.after).map((key) => (
                    <li key={key}>
                      <span className="text-slate-500">{fieldLabel(key)}</span>: {c.before ? <>{auditValue(key, c.before[key])} → </> : ""}
                      {auditValue(key, c.after[key])}
                    </li>
                  ))}
                </ul>
              ),
            },
          ]}
        />
      </section>
    </div>
  );
}
