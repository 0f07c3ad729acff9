import { zodResolver } from "@hookform/resolvers/zod"
import { useMutation, useQueryClient } from "@tanstack/react-query"
import { Plus } from "lucide-react"
import * as React from "react"
import { useForm } from "react-hook-form"
import type { ItemPublic, ItemUpdate } from "@/client"
import {
  itemsCreateItemMutation,
  itemsDeleteItemMutation,
  itemsReadItemsQueryKey,
  itemsUpdateItemMutation,
} from "@/client/@tanstack/react-query.gen"
import { ConfirmDialog } from "@/components/common/confirm-dialog"
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
import { Field } from "@/components/ui/field"
import { Input } from "@/components/ui/input"
import { showSuccess, useShowError } from "@/hooks/use-toast"
import { type ItemValues, itemSchema } from "@/lib/schemas"

/** The page of items the table shows: the API's first 100, paginated in the browser (ui.md 2.8). */
export const itemsListQuery = { query: { skip: 0, limit: 100 } }

/** Without options the generated key is a prefix of every item list's key. Built when used, not
 * at import: the key holds the client's base URL, set by `configureClient()`. */
const allItemLists = () => ({ queryKey: itemsReadItemsQueryKey() })

function ItemFields({
  form,
  required,
}: {
  form: ReturnType<typeof useForm<ItemValues>>
  required?: boolean
}) {
  const { errors } = form.formState
  return (
    <div className="grid gap-4">
      <Field
        id="item-title"
        label={
          <>
            Title <span className="text-destructive">*</span>
          </>
        }
        error={errors.title}
      >
        <Input
          id="item-title"
          type="text"
          placeholder="Title"
          required={required}
          aria-invalid={!!errors.title}
          {...form.register("title")}
        />
      </Field>
      <Field id="item-description" label="Description" error={errors.description}>
        <Input
          id="item-description"
          type="text"
          placeholder="Description"
          {...form.register("description")}
        />
      </Field>
    </div>
  )
}

export function AddItem() {
  const [open, setOpen] = React.useState(false)
  const queryClient = useQueryClient()
  const showError = useShowError()
  const form = useForm<ItemValues>({
    resolver: zodResolver(itemSchema),
    mode: "onBlur",
    reValidateMode: "onChange",
    criteriaMode: "all",
    defaultValues: { title: "", description: "" },
  })
  const mutation = useMutation({
    ...itemsCreateItemMutation(),
    onSuccess: () => {
      showSuccess("Item created successfully")
      form.reset()
      setOpen(false)
    },
    onError: showError,
    onSettled: () => queryClient.invalidateQueries(allItemLists()),
  })
  return (
    <Dialog
      open={open}
      onOpenChange={(o) => {
        setOpen(o)
        if (!o) form.reset()
      }}
    >
      <Button onClick={() => setOpen(true)} className="my-4">
        <Plus /> Add Item
      </Button>
      <DialogContent>
        <form
          onSubmit={form.handleSubmit((v) =>
            mutation.mutate({ body: { title: v.title, description: v.description ?? "" } }),
          )}
          className="grid gap-4"
          noValidate
        >
          <DialogHeader>
            <DialogTitle>Add Item</DialogTitle>
            <DialogDescription>Fill in the details to add a new item.</DialogDescription>
          </DialogHeader>
          <ItemFields form={form} required />
          <DialogFooter>
            <DialogClose asChild>
              <Button variant="outline" type="button" disabled={mutation.isPending}>
                Cancel
              </Button>
            </DialogClose>
            <LoadingButton type="submit" loading={mutation.isPending}>
              Save
            </LoadingButton>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  )
}

/** The update body: `description` is left out when it was null and is still empty (ui.md 2.8). */
function itemUpdate(item: ItemPublic, v: ItemValues): ItemUpdate {
  const body: ItemUpdate = { title: v.title }
  if (!(item.description == null && (v.description === undefined || v.description === ""))) {
    body.description = v.description ?? ""
  }
  return body
}

export function EditItem({
  item,
  open,
  onOpenChange,
}: {
  item: ItemPublic
  open: boolean
  onOpenChange: (open: boolean) => void
}) {
  const queryClient = useQueryClient()
  const showError = useShowError()
  const defaults = { title: item.title, description: item.description ?? undefined }
  const form = useForm<ItemValues>({
    resolver: zodResolver(itemSchema),
    mode: "onBlur",
    reValidateMode: "onChange",
    criteriaMode: "all",
    defaultValues: defaults,
  })
  const mutation = useMutation({
    ...itemsUpdateItemMutation(),
    onSuccess: () => {
      showSuccess("Item updated successfully")
      onOpenChange(false)
    },
    onError: showError,
    onSettled: () => queryClient.invalidateQueries(allItemLists()),
  })
  return (
    <Dialog
      open={open}
      onOpenChange={(o) => {
        if (o) form.reset(defaults)
        onOpenChange(o)
      }}
    >
      <DialogContent>
        <form
          onSubmit={form.handleSubmit((v) =>
            mutation.mutate({ path: { id: item.id }, body: itemUpdate(item, v) }),
          )}
          className="grid gap-4"
          noValidate
        >
          <DialogHeader>
            <DialogTitle>Edit Item</DialogTitle>
            <DialogDescription>Update the item details below.</DialogDescription>
          </DialogHeader>
          <ItemFields form={form} />
          <DialogFooter>
            <DialogClose asChild>
              <Button variant="outline" type="button" disabled={mutation.isPending}>
                Cancel
              </Button>
            </DialogClose>
            <LoadingButton type="submit" loading={mutation.isPending}>
              Save
            </LoadingButton>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  )
}

export function DeleteItem({
  item,
  open,
  onOpenChange,
}: {
  item: ItemPublic
  open: boolean
  onOpenChange: (open: boolean) => void
}) {
  const queryClient = useQueryClient()
  const showError = useShowError()
  const mutation = useMutation({
    ...itemsDeleteItemMutation(),
    onSuccess: () => {
      showSuccess("The item was deleted successfully")
      onOpenChange(false)
    },
    onError: showError,
    onSettled: () => queryClient.invalidateQueries(),
  })
  return (
    <ConfirmDialog
      open={open}
      onOpenChange={onOpenChange}
      title="Delete Item"
      description="This item will be permanently deleted. Are you sure? You will not be able to undo this action."
      action="Delete"
      pending={mutation.isPending}
      onConfirm={() => mutation.mutate({ path: { id: item.id } })}
    />
  )
}
