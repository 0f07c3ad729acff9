import { useQuery } from "@tanstack/react-query"
import { createFileRoute } from "@tanstack/react-router"
import { Check, Copy, Search } from "lucide-react"
import * as React from "react"
import type { ItemPublic } from "@/client"
import { itemsReadItemsOptions } from "@/client/@tanstack/react-query.gen"
import { type Column, DataTable, TableSkeleton } from "@/components/common/data-table"
import { RowActions } from "@/components/common/row-actions"
import { AddItem, DeleteItem, EditItem, itemsListQuery } from "@/components/items/item-dialogs"
import { useTitle } from "@/hooks/use-title"

export const Route = createFileRoute("/_layout/items")({
  component: Items,
})

function CopyId({ id }: { id: string }) {
  const [copied, setCopied] = React.useState(false)
  React.useEffect(() => {
    if (!copied) return
    const t = setTimeout(() => setCopied(false), 2000)
    return () => clearTimeout(t)
  }, [copied])
  return (
    <div className="flex items-center gap-1">
      <span
        className="block max-w-20 truncate font-mono text-muted-foreground text-xs sm:max-w-none"
        title={id}
      >
        {id}
      </span>
      <button
        type="button"
        className="flex size-6 cursor-pointer items-center justify-center rounded opacity-0 transition-opacity hover:bg-accent focus-visible:opacity-100 group-hover:opacity-100"
        onClick={() => {
          navigator.clipboard
            ?.writeText(id)
            .then(() => setCopied(true))
            .catch(() => undefined)
        }}
      >
        {copied ? <Check className="size-3.5 text-green-600" /> : <Copy className="size-3.5" />}
        <span className="sr-only">Copy ID</span>
      </button>
    </div>
  )
}

const columns: Column<ItemPublic>[] = [
  { id: "id", header: "ID", cell: (item) => <CopyId id={item.id} /> },
  {
    id: "title",
    header: "Title",
    cell: (item) => <span className="font-medium">{item.title}</span>,
  },
  {
    id: "description",
    header: "Description",
    cell: (item) =>
      item.description ? (
        <span className="block max-w-xs truncate text-muted-foreground">{item.description}</span>
      ) : (
        <span className="text-muted-foreground italic">No description</span>
      ),
  },
  {
    id: "actions",
    header: "Actions",
    srOnlyHeader: true,
    className: "w-12 text-right",
    cell: (item) => (
      <RowActions
        editLabel="Edit Item"
        deleteLabel="Delete Item"
        renderEdit={(p) => <EditItem item={item} {...p} />}
        renderDelete={(p) => <DeleteItem item={item} {...p} />}
      />
    ),
  },
]

function ItemsTable() {
  const { data, isPending, isError } = useQuery(itemsReadItemsOptions(itemsListQuery))
  if (isPending) return <TableSkeleton headers={["ID", "Title", "Description"]} />
  if (isError || !data) return null
  if (data.data.length === 0) {
    return (
      <div className="flex flex-col items-center justify-center gap-2 py-12 text-center">
        <div className="rounded-full bg-muted p-4">
          <Search className="size-8 text-muted-foreground" />
        </div>
        <p className="text-lg font-semibold">You don't have any items yet</p>
        <p className="text-muted-foreground">Add a new item to get started</p>
      </div>
    )
  }
  return <DataTable columns={columns} data={data.data} rowKey={(i) => i.id} />
}

function Items() {
  useTitle("Items")
  return (
    <div className="flex flex-col gap-6">
      <div className="flex flex-col justify-between gap-2 sm:flex-row sm:items-center">
        <div>
          <h1 className="text-2xl font-bold tracking-tight">Items</h1>
          <p className="text-muted-foreground">Create and manage your items</p>
        </div>
        <AddItem />
      </div>
      <ItemsTable />
    </div>
  )
}
