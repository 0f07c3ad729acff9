import { useMutation } from "@tanstack/react-query"
import type { UserPublic } from "@/client"
import { usersDeleteUserSessionsMutation } from "@/client/@tanstack/react-query.gen"
import { ConfirmDialog } from "@/components/common/confirm-dialog"
import type { DialogProps } from "@/components/common/row-actions"
import { showSuccess, useShowError } from "@/hooks/use-toast"

/** Admin: log a user out on every device (`DELETE /users/{id}/sessions`). The account stays as
 * it is; the user can log in again. */
export function EndUserSessions({ user, open, onOpenChange }: { user: UserPublic } & DialogProps) {
  const showError = useShowError()
  const mutation = useMutation({
    ...usersDeleteUserSessionsMutation(),
    onSuccess: () => {
      showSuccess("All sessions of the user were ended")
      onOpenChange(false)
    },
    onError: showError,
  })
  return (
    <ConfirmDialog
      open={open}
      onOpenChange={onOpenChange}
      title="End All Sessions"
      description={
        <>
          <strong>{user.email}</strong> will be logged out on every device on their next request.
          The account is not changed: they can log in again.
        </>
      }
      action="End sessions"
      pending={mutation.isPending}
      onConfirm={() => mutation.mutate({ path: { user_id: user.id } })}
    />
  )
}
