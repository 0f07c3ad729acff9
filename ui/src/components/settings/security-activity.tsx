import { keepPreviousData, useQuery } from "@tanstack/react-query"
import * as React from "react"
import type { AuditEventPublic } from "@/client"
import { usersReadAuditEventsMeOptions } from "@/client/@tanstack/react-query.gen"
import { AuditEventsTable, auditColumns, KindSelect } from "@/components/common/audit-events"
import { type Column, useServerPagination } from "@/components/common/data-table"
import { useCurrentUser } from "@/hooks/use-auth"
import type { AuditKind } from "@/lib/audit"

/** Who did it, from the account owner's side: themselves, or someone else (a superuser; a
 * failed login has nobody). */
function byColumn(meId: string | undefined): Column<AuditEventPublic> {
  return {
    id: "actor",
    header: "By",
    cell: (e) => {
      if (!e.actor_id) return <span className="text-muted-foreground">—</span>
      if (e.actor_id === meId) return "You"
      return "A superuser"
    },
  }
}

function OwnEvents({ kind }: { kind: AuditKind | undefined }) {
  const { data: me } = useCurrentUser()
  const { skip, limit, pagination } = useServerPagination()
  const { data, isPending } = useQuery({
    ...usersReadAuditEventsMeOptions({ query: { skip, limit, ...(kind && { kind }) } }),
    placeholderData: keepPreviousData,
  })
  return (
    <AuditEventsTable
      columns={auditColumns([byColumn(me?.id)])}
      data={data}
      isPending={isPending}
      pagination={pagination}
    />
  )
}

/** Settings > Security activity: the account's audit events (done by its owner or to the
 * account), newest first, paged by the API. */
export function SecurityActivity() {
  const [kind, setKind] = React.useState<AuditKind | undefined>(undefined)
  return (
    <div className="flex flex-col gap-4">
      <div>
        <h2 className="text-lg font-semibold">Security activity</h2>
        <p className="text-muted-foreground text-sm">
          Logins, password and email changes and other security events of your account, newest
          first. Something you do not recognise? Change your password.
        </p>
      </div>
      <KindSelect value={kind} onChange={setKind} />
      {/* a new filter starts again on the first page */}
      <OwnEvents key={kind ?? "all"} kind={kind} />
    </div>
  )
}
