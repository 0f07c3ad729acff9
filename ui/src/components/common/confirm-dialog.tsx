import type { ReactNode } from "react"
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

/** An action behind a confirmation: title, what will happen, Cancel and the action (destructive
 * unless `variant` says otherwise). One component for every "are you sure?" of the app, so they
 * look and behave alike. */
export function ConfirmDialog({
  open,
  onOpenChange,
  title,
  description,
  action,
  pending,
  onConfirm,
  trigger,
  variant = "destructive",
}: {
  open: boolean
  onOpenChange: (open: boolean) => void
  title: string
  description: ReactNode
  /** The confirming button's label. */
  action: string
  pending: boolean
  onConfirm: () => void
  /** What opens the dialog, when it is rendered with the dialog. */
  trigger?: ReactNode
  /** The confirming button's look: `default` for an action that loses nothing. */
  variant?: "destructive" | "default"
}) {
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      {trigger}
      <DialogContent>
        <DialogHeader>
          <DialogTitle>{title}</DialogTitle>
          <DialogDescription>{description}</DialogDescription>
        </DialogHeader>
        <DialogFooter>
          <DialogClose asChild>
            <Button variant="outline" type="button" disabled={pending}>
              Cancel
            </Button>
          </DialogClose>
          <LoadingButton variant={variant} loading={pending} onClick={onConfirm}>
            {action}
          </LoadingButton>
        </DialogFooter>
      </DialogContent>
    </Dialog>
  )
}
