import { useMutation, useQueryClient } from "@tanstack/react-query"
import { useNavigate } from "@tanstack/react-router"
import * as React from "react"
import { usersDeleteUserMeMutation } from "@/client/@tanstack/react-query.gen"
import { ConfirmDialog } from "@/components/common/confirm-dialog"
import { Button } from "@/components/ui/button"
import { showSuccess, useShowError } from "@/hooks/use-toast"
import { clearSession } from "@/lib/session"

export function DeleteAccount() {
  const [open, setOpen] = React.useState(false)
  const navigate = useNavigate()
  const queryClient = useQueryClient()
  const showError = useShowError()
  const mutation = useMutation({
    ...usersDeleteUserMeMutation(),
    onSuccess: () => {
      showSuccess("Your account has been successfully deleted")
      setOpen(false)
      // deleting the account ended its sessions on the server
      clearSession()
      queryClient.clear()
      navigate({ to: "/login" })
    },
    onError: showError,
  })
  return (
    <div className="flex max-w-md flex-col gap-4 rounded-lg border border-destructive/50 p-4">
      <h2 className="text-lg font-semibold">Delete Account</h2>
      <p className="text-muted-foreground text-sm">
        Permanently delete your account and all of your data. This action cannot be undone.
      </p>
      <ConfirmDialog
        open={open}
        onOpenChange={setOpen}
        trigger={
          <div>
            <Button variant="destructive" onClick={() => setOpen(true)}>
              Delete Account
            </Button>
          </div>
        }
        title="Confirmation Required"
        description={
          <>
            All your account data will be <strong>permanently deleted.</strong> If you are sure,
            please click <strong>"Delete"</strong> to proceed. This action cannot be undone.
          </>
        }
        action="Delete"
        pending={mutation.isPending}
        onConfirm={() => mutation.mutate({})}
      />
    </div>
  )
}
