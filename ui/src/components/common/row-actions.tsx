import { EllipsisVertical, Pencil, Trash2 } from "lucide-react"
import * as React from "react"
import { Button } from "@/components/ui/button"
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuTrigger,
} from "@/components/ui/dropdown-menu"

export type DialogProps = { open: boolean; onOpenChange: (open: boolean) => void }

/** A further menu entry between edit and delete, opening its own dialog (its label names it
 * among the row's entries). */
export type ExtraAction = {
  label: string
  icon: React.ReactNode
  render: (p: DialogProps) => React.ReactNode
}

type DialogKind = "edit" | "delete" | `extra:${string}`

/** The kebab menu of a table row with an edit and a delete entry (and optionally more between
 * them), each opening a dialog. */
export function RowActions({
  editLabel,
  deleteLabel,
  renderEdit,
  renderDelete,
  extra,
}: {
  editLabel: string
  deleteLabel: string
  renderEdit: (p: DialogProps) => React.ReactNode
  renderDelete: (p: DialogProps) => React.ReactNode
  extra?: ExtraAction | ExtraAction[]
}) {
  const extras = extra === undefined ? [] : Array.isArray(extra) ? extra : [extra]
  const [menuOpen, setMenuOpen] = React.useState(false)
  const [dialog, setDialog] = React.useState<DialogKind | null>(null)
  const dialogProps = (kind: DialogKind): DialogProps => ({
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
          {extras.map((e) => (
            <DropdownMenuItem
              key={e.label}
              onSelect={() => {
                setMenuOpen(false)
                setDialog(`extra:${e.label}`)
              }}
            >
              {e.icon} {e.label}
            </DropdownMenuItem>
          ))}
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
      {extras.map((e) => (
        <React.Fragment key={e.label}>{e.render(dialogProps(`extra:${e.label}`))}</React.Fragment>
      ))}
      {renderDelete(dialogProps("delete"))}
    </>
  )
}
