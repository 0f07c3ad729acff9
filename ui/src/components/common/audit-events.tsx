import * as React from "react"
import type { AuditEventPublic, AuditEventsPublic } from "@/client"
import {
  type Column,
  DataTable,
  type ServerPagination,
  TableSkeleton,
} from "@/components/common/data-table"
import { AUDIT_KINDS, type AuditKind, describeDetail, formatDateTime, kindLabel } from "@/lib/audit"
import { describeDevice } from "@/lib/device"
import { relativeTime } from "@/lib/relative-time"

type EventColumn = Column<AuditEventPublic>

const time: EventColumn = {
  id: "time",
  header: "Time",
  className: "whitespace-nowrap",
  cell: (e) => (
    <time dateTime={e.created_at} title={relativeTime(e.created_at)}>
      {formatDateTime(e.created_at)}
    </time>
  ),
}

const kind: EventColumn = {
  id: "kind",
  header: "Event",
  className: "whitespace-nowrap",
  cell: (e) => (
    <span className="font-medium" data-kind={e.kind}>
      {kindLabel(e.kind)}
    </span>
  ),
}

const client: EventColumn = {
  id: "client",
  header: "From",
  cell: (e) =>
    // nothing recorded, or not shown (an account owner does not see a superuser's client)
    !e.ip && !e.user_agent ? (
      <span className="text-muted-foreground">—</span>
    ) : (
      <div className="flex flex-col">
        {e.ip ? (
          <span className="font-mono text-xs">{e.ip}</span>
        ) : (
          <span className="text-muted-foreground">Unknown address</span>
        )}
        <span
          className="block max-w-48 truncate text-muted-foreground text-xs"
          title={e.user_agent ?? undefined}
        >
          {describeDevice(e.user_agent).name}
        </span>
      </div>
    ),
}

const details: EventColumn = {
  id: "details",
  header: "Details",
  cell: (e) => <span className="block max-w-sm break-words">{describeDetail(e)}</span>,
}

/** The columns of an event list: time and event first, then `who` (the people involved, as the
 * list's reader names them), then where from (address and device) and the details. */
export function auditColumns(who: EventColumn[]): EventColumn[] {
  return [time, kind, ...who, client, details]
}

/** A page of events paged by the API, newest first, or its skeleton while the first page loads. */
export function AuditEventsTable({
  columns,
  data,
  isPending,
  pagination,
}: {
  columns: EventColumn[]
  data: AuditEventsPublic | undefined
  isPending: boolean
  pagination: (total: number) => ServerPagination
}) {
  if (isPending) return <TableSkeleton headers={columns.map((c) => c.header)} />
  if (!data) return null
  return (
    <DataTable
      columns={columns}
      data={data.data}
      rowKey={(e) => e.id}
      emptyText="No events found."
      pagination={pagination(data.count)}
    />
  )
}

/** The event-kind filter: every kind the API knows, or all of them. */
export function KindSelect({
  value,
  onChange,
}: {
  value: AuditKind | undefined
  onChange: (kind: AuditKind | undefined) => void
}) {
  const id = React.useId()
  return (
    <div className="flex items-center gap-2 text-sm">
      <label htmlFor={id}>Event</label>
      <select
        id={id}
        className="h-8 rounded-md border bg-background px-2"
        value={value ?? ""}
        onChange={(e) => {
          const picked = AUDIT_KINDS.find((k) => k === e.target.value)
          onChange(picked)
        }}
      >
        <option value="">All events</option>
        {AUDIT_KINDS.map((k) => (
          <option key={k} value={k}>
            {kindLabel(k)}
          </option>
        ))}
      </select>
    </div>
  )
}
