import { keepPreviousData, useQuery } from "@tanstack/react-query"
import { createFileRoute, redirect, useNavigate } from "@tanstack/react-router"
import * as React from "react"
import type { AuditEventPublic, UserPublic } from "@/client"
import {
  auditReadAuditEventsOptions,
  usersReadUserMeOptions,
  usersReadUsersOptions,
} from "@/client/@tanstack/react-query.gen"
import { AuditEventsTable, auditColumns, KindSelect } from "@/components/common/audit-events"
import { type Column, useServerPagination } from "@/components/common/data-table"
import { useTitle } from "@/hooks/use-title"
import { type AuditKind, isAuditKind } from "@/lib/audit"

type ActivitySearch = { user_id?: string; kind?: AuditKind }

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/** The filters live in the address (`/activity?user_id=...&kind=login_failed`), so that a
 * filtered list can be reloaded and linked to. */
export const Route = createFileRoute("/_layout/activity")({
  component: Activity,
  validateSearch: (search: Record<string, unknown>): ActivitySearch => ({
    user_id:
      typeof search.user_id === "string" && UUID.test(search.user_id) ? search.user_id : undefined,
    kind: isAuditKind(search.kind) ? search.kind : undefined,
  }),
  beforeLoad: async ({ context }) => {
    const user = await context.queryClient.fetchQuery(usersReadUserMeOptions())
    if (!user?.is_superuser) throw redirect({ to: "/" })
  },
})

/** The accounts the user filter offers and the events are named by: the API's first 1000 (its
 * largest page), newest first. */
export const activityUsersQuery = { query: { skip: 0, limit: 1000 } }

const shortId = (id: string) => `${id.slice(0, 8)}…`

/** An account's email; a short id for one deleted since (or beyond the first 1000). */
function accountName(id: string, users: Map<string, UserPublic>): string {
  return users.get(id)?.email ?? shortId(id)
}

/** The account it happened to, and who did it when that was someone else (a superuser). */
function accountColumn(users: Map<string, UserPublic>): Column<AuditEventPublic> {
  return {
    id: "account",
    header: "Account",
    cell: (e) => (
      <div className="flex max-w-64 flex-col">
        {e.subject_id ? (
          <span className="truncate" title={e.subject_id}>
            {accountName(e.subject_id, users)}
          </span>
        ) : (
          <span className="text-muted-foreground">—</span>
        )}
        {e.actor_id && e.actor_id !== e.subject_id && (
          <span className="truncate text-muted-foreground text-xs" title={e.actor_id}>
            by {accountName(e.actor_id, users)}
          </span>
        )}
      </div>
    ),
  }
}

function UserSelect({
  value,
  users,
  onChange,
}: {
  value: string | undefined
  users: UserPublic[]
  onChange: (userId: string | undefined) => void
}) {
  const id = React.useId()
  const sorted = React.useMemo(
    () => [...users].sort((a, b) => a.email.localeCompare(b.email)),
    [users],
  )
  const known = value === undefined || users.some((u) => u.id === value)
  return (
    <div className="flex items-center gap-2 text-sm">
      <label htmlFor={id}>User</label>
      <select
        id={id}
        className="h-8 max-w-72 rounded-md border bg-background px-2"
        value={value ?? ""}
        onChange={(e) => onChange(e.target.value || undefined)}
      >
        <option value="">All users</option>
        {!known && value && <option value={value}>{shortId(value)}</option>}
        {sorted.map((u) => (
          <option key={u.id} value={u.id}>
            {u.email}
          </option>
        ))}
      </select>
    </div>
  )
}

function Events({
  userId,
  kind,
  users,
}: {
  userId: string | undefined
  kind: AuditKind | undefined
  users: Map<string, UserPublic>
}) {
  const { skip, limit, pagination } = useServerPagination()
  const { data, isPending } = useQuery({
    ...auditReadAuditEventsOptions({
      query: { skip, limit, ...(userId && { user_id: userId }), ...(kind && { kind }) },
    }),
    placeholderData: keepPreviousData,
  })
  return (
    <AuditEventsTable
      columns={auditColumns([accountColumn(users)])}
      data={data}
      isPending={isPending}
      pagination={pagination}
    />
  )
}

function Activity() {
  useTitle("Activity")
  const { user_id: userId, kind } = Route.useSearch()
  const navigate = useNavigate({ from: Route.fullPath })
  const { data: users } = useQuery(usersReadUsersOptions(activityUsersQuery))
  const byId = React.useMemo(() => new Map((users?.data ?? []).map((u) => [u.id, u])), [users])
  const filter = (next: ActivitySearch) =>
    navigate({ search: (prev) => ({ ...prev, ...next }), replace: true })
  return (
    <div className="flex flex-col gap-6">
      <div>
        <h1 className="text-2xl font-bold tracking-tight">Activity</h1>
        <p className="text-muted-foreground">The security events of every account, newest first</p>
      </div>
      <div className="flex flex-wrap items-center gap-4">
        <UserSelect
          value={userId}
          users={users?.data ?? []}
          onChange={(id) => filter({ user_id: id })}
        />
        <KindSelect value={kind} onChange={(k) => filter({ kind: k })} />
      </div>
      {/* a new filter starts again on the first page */}
      <Events key={`${userId ?? ""}:${kind ?? ""}`} userId={userId} kind={kind} users={byId} />
    </div>
  )
}
