"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useLocale, useTranslations } from "use-intl";
import { FilterForm, FilterInput, FilterSelect } from "@/components/admin/filter-form";
import { ListRows } from "@/components/admin/list/list-rows";
import { useEarlyRead, type ListReads } from "@/components/admin/list/use-early-read";
import { useListSearch } from "@/components/admin/list/use-list-search";
import { Badge } from "@/components/ui/badge";
import { DataTable } from "@/components/ui/data-table";
import { OffsetPagination } from "@/components/ui/offset-pagination";
import { formatDateTime } from "@/lib/dates";
import { firstParams, pageParam, type RawSearchParams } from "@/lib/search-params";
import { useTRPC } from "@/trpc/client";

const ROLES = ["shopper", "admin"] as const;
const STATUSES = ["active", "disabled"] as const;

/** The page of users a query string asks for (an unknown role or status is no filter). */
function usersInput(raw: RawSearchParams) {
  const params = firstParams(raw, 100);
  const role = ROLES.find((r) => r === params.role);
  const status = STATUSES.find((s) => s === params.status);
  return { page: pageParam(params.page, 10_000), pageSize: 25, q: params.q || undefined, role, status };
}

const startReads: ListReads = ({ queryClient, trpc, raw }) => void queryClient.prefetchQuery(trpc.adminUsers.list.queryOptions(usersInput(raw)));

/** Starts the users list's read in the header's batch (see useEarlyRead). */
export function UsersEarlyRead() {
  useEarlyRead(startReads);
  return null;
}

/** Admin → Users: search by email or name, filter by role and status, in pages; all of it in the URL, the rows read by the browser. */
export function UsersList() {
  const t = useTranslations("users");
  const locale = useLocale();
  const trpc = useTRPC();
  const raw = useListSearch();
  const params = firstParams(raw, 100);
  const input = usersInput(raw);
  const { page, role, status } = input;
  const list = useQuery(trpc.adminUsers.list.queryOptions(input, { staleTime: 0 }));
  const listParams = { q: params.q, role, status };

  return (
    <div className="space-y-6">
      <div className="space-y-2">
        <h1 className="text-2xl font-semibold">{t("title")}</h1>
        <p className="max-w-3xl text-sm text-slate-600">{t("intro")}</p>
      </div>
      <FilterForm key={JSON.stringify(listParams)} label={t("filters")} action="/admin/users" className="sm:grid-cols-3">
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
      <ListRows query={list} empty={t("empty")}>
        {(result) => (
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
        )}
      </ListRows>
      {/* Beside the rows, not in them: a page past the end still links back. */}
      {list.data && <OffsetPagination page={page} pageSize={list.data.pageSize} total={list.data.total} basePath="/admin/users" params={listParams} />}
    </div>
  );
}
