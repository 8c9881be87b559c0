import Link from "next/link";
import { FilterForm, FilterInput, FilterSelect } from "@/components/admin/filter-form";
import { Badge } from "@/components/ui/badge";
import { DataTable } from "@/components/ui/data-table";
import { Pagination } from "@/components/ui/pagination";
import { getLocale, getTranslations } from "@/i18n/server";
import { formatDateTime } from "@/lib/dates";
import { firstParams, pageParam, type RawSearchParams } from "@/lib/search-params";
import { api, orNotFound } from "@/trpc/server";

export async function generateMetadata() {
  return { title: (await getTranslations("users"))("title") };
}

const ROLES = ["shopper", "admin"] as const;
const STATUSES = ["active", "disabled"] as const;

/** Admin → Users: search by email or name, filter by role and status, paged on the server. */
export default async function AdminUsersPage({ searchParams }: { searchParams: Promise<RawSearchParams> }) {
  const [params, t, locale, caller] = await Promise.all([searchParams.then((raw) => firstParams(raw, 100)), getTranslations("users"), getLocale(), api()]);
  const page = pageParam(params.page, 10_000);
  const role = ROLES.find((r) => r === params.role);
  const status = STATUSES.find((s) => s === params.status);
  const result = await orNotFound(caller.adminUsers.list({ page, pageSize: 25, q: params.q || undefined, role, status }), "/admin/users");
  return (
    <div className="space-y-6">
      <div className="space-y-2">
        <h1 className="text-2xl font-semibold">{t("title")}</h1>
        <p className="max-w-3xl text-sm text-slate-600">{t("intro")}</p>
      </div>
      <FilterForm label={t("filters")} action="/admin/users" className="sm:grid-cols-3">
        <FilterInput label={t("search")} name="q" type="search" defaultValue={params.q} />
        <FilterSelect label={t("role")} name="role" defaultValue={role} anyLabel={t("anyRole")} options={ROLES.map((r) => ({ value: r, label: t(`roles.${r}`) }))} />
        <FilterSelect
          label={t("status")}
          name="status"
          defaultValue={status}
          anyLabel={t("anyStatus")}
          options={STATUSES.map((s) => ({ value: s, label: t(`statuses.${s}`) }))}
        />
      </FilterForm>
      <DataTable
        label={t("title")}
        rows={result.items}
        rowKey={(u) => u.id}
        empty={t("empty")}
        columns={[
          {
            id: "name",
            header: t("columns.name"),
            cell: (u) => (
              <Link href={`/admin/users/${u.id}`} className="text-brand-700 hover:underline">
                {u.name}
              </Link>
            ),
          },
          { id: "email", header: t("columns.email"), cell: (u) => u.email },
          { id: "role", header: t("columns.role"), cell: (u) => <Badge tone={u.role === "admin" ? "info" : "neutral"}>{t(`roles.${u.role}`)}</Badge> },
          {
            id: "status",
            header: t("columns.status"),
            cell: (u) => (u.disabledAt ? <Badge tone="danger">{t("statuses.disabled")}</Badge> : <Badge tone="success">{t("statuses.active")}</Badge>),
          },
          { id: "created", header: t("columns.created"), cell: (u) => formatDateTime(u.createdAt, locale) },
        ]}
      />
      <Pagination page={page} pageSize={result.pageSize} total={result.total} basePath="/admin/users" params={{ q: params.q, role, status }} />
    </div>
  );
}
