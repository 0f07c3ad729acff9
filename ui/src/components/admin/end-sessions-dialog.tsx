import { useMutation } from "@tanstack/react-query"
import type { UserPublic } from "@/client"
import { usersDeleteUserSessionsMutation } from "@/client/@tanstack/react-query.gen"
import type { DialogProps } from "@/components/common/row-actions"
import { Button, LoadingButton } from "@/components/ui/button"
import {
  Dialog,
  DialogClose,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
} from "@/components/ui/dialog"
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
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>End All Sessions</DialogTitle>
          <DialogDescription>
            <strong>{user.email}</strong> will be logged out on every device on their next request.
            The account is not changed: they can log in again.
          </DialogDescription>
        </DialogHeader>
        <DialogFooter>
          <DialogClose asChild>
            <Button variant="outline" type="button" disabled={mutation.isPending}>
              Cancel
            </Button>
          </DialogClose>
          <LoadingButton
            variant="destructive"
            loading={mutation.isPending}
            onClick={() => mutation.mutate({ path: { user_id: user.id } })}
          >
            End sessions
          </LoadingButton>
        </DialogFooter>
      </DialogContent>
    </Dialog>
  )
}
