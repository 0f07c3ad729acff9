import { useQuery } from "@tanstack/react-query"
import { createFileRoute, redirect } from "@tanstack/react-router"
import { BadgeCheck, LogOut, ShieldOff } from "lucide-react"
import type { UserPublic } from "@/client"
import { usersReadUserMeOptions, usersReadUsersOptions } from "@/client/@tanstack/react-query.gen"
import { EndUserSessions } from "@/components/admin/end-sessions-dialog"
import { ResetTwoFactor } from "@/components/admin/reset-two-factor"
import { AddUser, DeleteUser, EditUser, usersListQuery } from "@/components/admin/user-dialogs"
import { MarkVerified, useUserSecurity, VerificationBadge } from "@/components/admin/verification"
import { type Column, DataTable, TableSkeleton } from "@/components/common/data-table"
import { type ExtraAction, RowActions } from "@/components/common/row-actions"
import { Badge } from "@/components/ui/misc"
import { useCurrentUser } from "@/hooks/use-auth"
import { useTitle } from "@/hooks/use-title"
import { cn } from "@/lib/utils"

export const Route = createFileRoute("/_layout/admin")({
  component: Admin,
  beforeLoad: async ({ context }) => {
    const user = await context.queryClient.fetchQuery(usersReadUserMeOptions())
    if (!user?.is_superuser) throw redirect({ to: "/" })
  },
})

/** A row's menu; `Mark verified` only while the user's email is not verified, `Reset
 * two-factor` only while the user has two-factor on. */
function UserActions({ user }: { user: UserPublic }) {
  const { data: security } = useUserSecurity(user.id)
  const extras: ExtraAction[] = [
    {
      label: "End all sessions",
      icon: <LogOut />,
      render: (p) => <EndUserSessions user={user} {...p} />,
    },
  ]
  if (security?.two_factor_enabled) {
    extras.push({
      label: "Reset two-factor",
      icon: <ShieldOff />,
      render: (p) => <ResetTwoFactor user={user} {...p} />,
    })
  }
  if (security && !security.email_verified) {
    extras.unshift({
      label: "Mark verified",
      icon: <BadgeCheck />,
      render: (p) => <MarkVerified user={user} {...p} />,
    })
  }
  return (
    <RowActions
      editLabel="Edit User"
      deleteLabel="Delete User"
      renderEdit={(p) => <EditUser user={user} {...p} />}
      renderDelete={(p) => <DeleteUser user={user} {...p} />}
      extra={extras}
    />
  )
}

function columns(currentUserId: string | undefined): Column<UserPublic>[] {
  return [
    {
      id: "full_name",
      header: "Full Name",
      cell: (u) => (
        <div className="flex items-center gap-2">
          <span className={cn("font-medium", !u.full_name && "text-muted-foreground")}>
            {u.full_name || "N/A"}
          </span>
          {u.id === currentUserId && <Badge variant="outline">You</Badge>}
        </div>
      ),
    },
    {
      id: "email",
      header: "Email",
      cell: (u) => <span className="text-muted-foreground">{u.email}</span>,
    },
    {
      id: "role",
      header: "Role",
      cell: (u) => (
        <Badge variant={u.is_superuser ? "default" : "secondary"}>
          {u.is_superuser ? "Superuser" : "User"}
        </Badge>
      ),
    },
    {
      id: "status",
      header: "Status",
      cell: (u) => (
        <div className="flex items-center gap-2">
          <span
            className={cn("size-2 rounded-full", u.is_active ? "bg-green-500" : "bg-gray-400")}
            aria-hidden="true"
          />
          <span className={u.is_active ? "" : "text-muted-foreground"}>
            {u.is_active ? "Active" : "Inactive"}
          </span>
        </div>
      ),
    },
    {
      id: "verification",
      header: "Verification",
      cell: (u) => <VerificationBadge user={u} />,
    },
    {
      id: "actions",
      header: "Actions",
      srOnlyHeader: true,
      className: "w-12 text-right",
      cell: (u) => (u.id === currentUserId ? null : <UserActions user={u} />),
    },
  ]
}

function UsersTable() {
  const { data: me } = useCurrentUser()
  const { data, isPending, isError } = useQuery(usersReadUsersOptions(usersListQuery))
  if (isPending)
    return <TableSkeleton headers={["Full Name", "Email", "Role", "Status", "Verification"]} />
  if (isError || !data) return null
  return <DataTable columns={columns(me?.id)} data={data.data} rowKey={(u) => u.id} />
}

function Admin() {
  useTitle("Admin")
  return (
    <div className="flex flex-col gap-6">
      <div className="flex flex-col justify-between gap-2 sm:flex-row sm:items-center">
        <div>
          <h1 className="text-2xl font-bold tracking-tight">Users</h1>
          <p className="text-muted-foreground">Manage user accounts and permissions</p>
        </div>
        <AddUser />
      </div>
      <UsersTable />
    </div>
  )
}
