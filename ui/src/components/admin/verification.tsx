import { type Query, useMutation, useQuery, useQueryClient } from "@tanstack/react-query"
import { BadgeCheck } from "lucide-react"
import type { UserPublic } from "@/client"
import {
  usersMarkUserVerifiedMutation,
  usersReadUserSecurityOptions,
  usersReadUserSecurityQueryKey,
} from "@/client/@tanstack/react-query.gen"
import { ConfirmDialog } from "@/components/common/confirm-dialog"
import type { DialogProps } from "@/components/common/row-actions"
import { Badge, Skeleton } from "@/components/ui/misc"
import { showSuccess, useShowError } from "@/hooks/use-toast"

/** The request options of one user's security state (`GET /users/{id}/security`). */
export const userSecurity = (userId: string) => ({ path: { user_id: userId } })

/** One user's security state: the API has no list of them, so each row of the users table asks
 * for its own (only the rows of the page shown). Marked in `meta`, so that a change to one user
 * need not ask again for everyone's (`isUserSecurityQuery`). */
export function useUserSecurity(userId: string) {
  return useQuery({
    ...usersReadUserSecurityOptions(userSecurity(userId)),
    meta: { userSecurity: true },
  })
}

/** Whether `query` is a user's security state as `useUserSecurity` reads it. */
export function isUserSecurityQuery(query: Query): boolean {
  return query.meta?.userSecurity === true
}

/** The users table's badge: `Verified` or `Unverified`. */
export function VerificationBadge({ user }: { user: UserPublic }) {
  const { data, isPending } = useUserSecurity(user.id)
  if (isPending) return <Skeleton className="h-5 w-16" />
  if (!data) return <span className="text-muted-foreground">Unknown</span>
  return data.email_verified ? (
    <Badge variant="outline" className="gap-1 [&_svg]:size-3">
      <BadgeCheck className="text-green-600" aria-hidden="true" /> Verified
    </Badge>
  ) : (
    <Badge variant="secondary">Unverified</Badge>
  )
}

/** Admin: count a user's email as verified (`POST /users/{id}/verify-email`), for someone whose
 * mail does not arrive, say. */
export function MarkVerified({ user, open, onOpenChange }: { user: UserPublic } & DialogProps) {
  const queryClient = useQueryClient()
  const showError = useShowError()
  const mutation = useMutation({
    ...usersMarkUserVerifiedMutation(),
    onSuccess: () => {
      showSuccess("The email was marked verified")
      onOpenChange(false)
    },
    onError: showError,
    onSettled: () =>
      queryClient.invalidateQueries({
        queryKey: usersReadUserSecurityQueryKey(userSecurity(user.id)),
      }),
  })
  return (
    <ConfirmDialog
      open={open}
      onOpenChange={onOpenChange}
      title="Mark Email Verified"
      description={
        <>
          <strong>{user.email}</strong> will count as verified, as if its owner had opened the link
          we sent. Do this only when you know that the address is theirs.
        </>
      }
      action="Mark verified"
      variant="default"
      pending={mutation.isPending}
      onConfirm={() => mutation.mutate({ path: { user_id: user.id } })}
    />
  )
}
