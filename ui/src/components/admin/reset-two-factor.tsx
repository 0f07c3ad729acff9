import { useMutation, useQueryClient } from "@tanstack/react-query"
import type { UserPublic } from "@/client"
import {
  usersReadUserSecurityQueryKey,
  usersResetUserTwoFactorMutation,
} from "@/client/@tanstack/react-query.gen"
import { userSecurity } from "@/components/admin/verification"
import { ConfirmDialog } from "@/components/common/confirm-dialog"
import type { DialogProps } from "@/components/common/row-actions"
import { showSuccess, useShowError } from "@/hooks/use-toast"

/** Admin: turn a user's two-factor off (`DELETE /users/{id}/two-factor`), for someone who lost
 * both the authenticator app and the recovery codes. They then log in with the password alone
 * and can enrol again. */
export function ResetTwoFactor({ user, open, onOpenChange }: { user: UserPublic } & DialogProps) {
  const queryClient = useQueryClient()
  const showError = useShowError()
  const mutation = useMutation({
    ...usersResetUserTwoFactorMutation(),
    onSuccess: () => {
      showSuccess("The user's two-factor authentication was reset")
      onOpenChange(false)
    },
    onError: showError,
    // the row's menu reads the same query: the action goes once two-factor is off
    onSettled: () =>
      queryClient.invalidateQueries({
        queryKey: usersReadUserSecurityQueryKey(userSecurity(user.id)),
      }),
  })
  return (
    <ConfirmDialog
      open={open}
      onOpenChange={onOpenChange}
      title="Reset Two-Factor Authentication"
      description={
        <>
          <strong>{user.email}</strong> will log in with the password alone, and their authenticator
          app and recovery codes stop working. Do this only when you know the request comes from
          them.
        </>
      }
      action="Reset two-factor"
      pending={mutation.isPending}
      onConfirm={() => mutation.mutate({ path: { user_id: user.id } })}
    />
  )
}
