import { EllipsisVertical, Pencil, Trash2 } from "lucide-react"
import * as React from "react"
import { Button } from "@/components/ui/button"
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuTrigger,
} from "@/components/ui/dropdown-menu"

type DialogProps = { open: boolean; onOpenChange: (open: boolean) => void }

/** The kebab menu of a table row with an edit and a delete entry, each opening a dialog. */
export function RowActions({
  editLabel,
  deleteLabel,
  renderEdit,
  renderDelete,
}: {
  editLabel: string
  deleteLabel: string
  renderEdit: (p: DialogProps) => React.ReactNode
  renderDelete: (p: DialogProps) => React.ReactNode
}) {
  const [menuOpen, setMenuOpen] = React.useState(false)
  const [dialog, setDialog] = React.useState<"edit" | "delete" | null>(null)
  const dialogProps = (kind: "edit" | "delete"): DialogProps => ({
    open: dialog === kind,
    onOpenChange: (o) => setDialog(o ? kind : null),
  })
  return (
    <>
      <DropdownMenu open={menuOpen} onOpenChange={setMenuOpen} modal={false}>
        <DropdownMenuTrigger asChild>
          <Button variant="ghost" size="icon" className="size-8">
            <EllipsisVertical />
            <span className="sr-only">Actions</span>
          </Button>
        </DropdownMenuTrigger>
        <DropdownMenuContent align="end">
          <DropdownMenuItem
            onSelect={() => {
              setMenuOpen(false)
              setDialog("edit")
            }}
          >
            <Pencil /> {editLabel}
          </DropdownMenuItem>
          <DropdownMenuItem
            variant="destructive"
            onSelect={() => {
              setMenuOpen(false)
              setDialog("delete")
            }}
          >
            <Trash2 /> {deleteLabel}
          </DropdownMenuItem>
        </DropdownMenuContent>
      </DropdownMenu>
      {renderEdit(dialogProps("edit"))}
      {renderDelete(dialogProps("delete"))}
    </>
  )
}
