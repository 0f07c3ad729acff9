import { zodResolver } from "@hookform/resolvers/zod"
import { useMutation, useQueryClient } from "@tanstack/react-query"
import { UserPlus } from "lucide-react"
import * as React from "react"
import { type UseFormReturn, useForm } from "react-hook-form"
import type { UserCreate, UserPublic, UserUpdate } from "@/client"
import {
  usersCreateUserMutation,
  usersDeleteUserMutation,
  usersReadUserSecurityQueryKey,
  usersReadUsersQueryKey,
  usersUpdateUserMutation,
} from "@/client/@tanstack/react-query.gen"
import { isUserSecurityQuery } from "@/components/admin/verification"
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
import { Label } from "@/components/ui/label"
import { Checkbox } from "@/components/ui/misc"
import { showSuccess, useShowError } from "@/hooks/use-toast"
import {
  type AddUserValues,
  addUserSchema,
  type EditUserValues,
  editUserSchema,
} from "@/lib/schemas"

/** The page of users the table shows: the API's first 100, paginated in the browser (ui.md 2.9). */
export const usersListQuery = { query: { skip: 0, limit: 100 } }

/** Without options the generated key is a prefix of every user list's key. Built when used, not
 * at import: the key holds the client's base URL, set by `configureClient()`. */
const allUserLists = () => ({ queryKey: usersReadUsersQueryKey() })

/** One user's security state (email verified), as the users table's badge reads it. */
const securityOf = (userId: string) => ({
  queryKey: usersReadUserSecurityQueryKey({ path: { user_id: userId } }),
})

type UserFormValues = AddUserValues | EditUserValues

function Required() {
  return <span className="text-destructive">*</span>
}

function UserFields({
  form,
  passwordRequired,
  prefix,
}: {
  form: UseFormReturn<UserFormValues>
  passwordRequired: boolean
  prefix: string
}) {
  const { errors } = form.formState
  const id = (name: string) => `${prefix}-${name}`
  return (
    <div className="grid gap-4">
      <Field
        id={id("email")}
        label={
          <>
            Email <Required />
          </>
        }
        error={errors.email}
      >
        <Input
          id={id("email")}
          type="email"
          placeholder="Email"
          required
          aria-invalid={!!errors.email}
          {...form.register("email")}
        />
      </Field>
      <Field id={id("full_name")} label="Full Name" error={errors.full_name}>
        <Input
          id={id("full_name")}
          type="text"
          placeholder="Full name"
          {...form.register("full_name")}
        />
      </Field>
      <Field
        id={id("password")}
        label={<>Set Password {passwordRequired && <Required />}</>}
        error={errors.password}
      >
        <Input
          id={id("password")}
          type="password"
          placeholder="Password"
          required={passwordRequired}
          aria-invalid={!!errors.password}
          {...form.register("password")}
        />
      </Field>
      <Field
        id={id("confirm_password")}
        label={<>Confirm Password {passwordRequired && <Required />}</>}
        error={errors.confirm_password}
      >
        <Input
          id={id("confirm_password")}
          type="password"
          placeholder="Password"
          required={passwordRequired}
          aria-invalid={!!errors.confirm_password}
          {...form.register("confirm_password")}
        />
      </Field>
      <div className="flex flex-col gap-3">
        <div className="flex items-center gap-2">
          <Checkbox id={id("is_superuser")} {...form.register("is_superuser")} />
          <Label htmlFor={id("is_superuser")}>Is superuser?</Label>
        </div>
        <div className="flex items-center gap-2">
          <Checkbox id={id("is_active")} {...form.register("is_active")} />
          <Label htmlFor={id("is_active")}>Is active?</Label>
        </div>
      </div>
    </div>
  )
}

const addDefaults: AddUserValues = {
  email: "",
  full_name: "",
  password: "",
  confirm_password: "",
  is_superuser: false,
  is_active: false,
}

/** The create body: the form as it is, confirmation included (the template's SPA sends it and
 * the server ignores it, ui.md 2.9). */
function userCreate(v: AddUserValues): UserCreate & Pick<AddUserValues, "confirm_password"> {
  return {
    email: v.email,
    full_name: v.full_name,
    password: v.password,
    confirm_password: v.confirm_password,
    is_superuser: v.is_superuser,
    is_active: v.is_active,
  }
}

export function AddUser() {
  const [open, setOpen] = React.useState(false)
  const queryClient = useQueryClient()
  const showError = useShowError()
  const form = useForm<AddUserValues>({
    resolver: zodResolver(addUserSchema),
    mode: "onBlur",
    reValidateMode: "onChange",
    criteriaMode: "all",
    defaultValues: addDefaults,
  })
  const mutation = useMutation({
    ...usersCreateUserMutation(),
    onSuccess: () => {
      showSuccess("User created successfully")
      form.reset(addDefaults)
      setOpen(false)
    },
    onError: showError,
    onSettled: () => queryClient.invalidateQueries(allUserLists()),
  })
  return (
    <Dialog
      open={open}
      onOpenChange={(o) => {
        setOpen(o)
        if (!o) form.reset(addDefaults)
      }}
    >
      <Button onClick={() => setOpen(true)} className="my-4">
        <UserPlus /> Add User
      </Button>
      <DialogContent>
        <form
          onSubmit={form.handleSubmit((v) => mutation.mutate({ body: userCreate(v) }))}
          className="grid gap-4"
          noValidate
        >
          <DialogHeader>
            <DialogTitle>Add User</DialogTitle>
            <DialogDescription>
              Fill in the form below to add a new user to the system.
            </DialogDescription>
          </DialogHeader>
          <UserFields
            form={form as unknown as UseFormReturn<UserFormValues>}
            passwordRequired
            prefix="add-user"
          />
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

/** The update body: no confirmation, `password` only when typed, `full_name` left out when it
 * was null and is still empty (ui.md 2.9). */
function userUpdate(user: UserPublic, v: EditUserValues): UserUpdate {
  const body: UserUpdate = {
    email: v.email,
    is_superuser: v.is_superuser,
    is_active: v.is_active,
  }
  if (!(user.full_name == null && v.full_name === "")) body.full_name = v.full_name
  if (v.password) body.password = v.password
  return body
}

export function EditUser({
  user,
  open,
  onOpenChange,
}: {
  user: UserPublic
  open: boolean
  onOpenChange: (open: boolean) => void
}) {
  const queryClient = useQueryClient()
  const showError = useShowError()
  const defaults: EditUserValues = {
    email: user.email,
    full_name: user.full_name ?? "",
    password: "",
    confirm_password: "",
    is_superuser: !!user.is_superuser,
    is_active: !!user.is_active,
  }
  const form = useForm<EditUserValues>({
    resolver: zodResolver(editUserSchema),
    mode: "onBlur",
    reValidateMode: "onChange",
    criteriaMode: "all",
    defaultValues: defaults,
  })
  const mutation = useMutation({
    ...usersUpdateUserMutation(),
    onSuccess: () => {
      showSuccess("User updated successfully")
      onOpenChange(false)
    },
    onError: showError,
    onSettled: () => {
      // a new email is unverified until its own link is followed
      void queryClient.invalidateQueries(securityOf(user.id))
      return queryClient.invalidateQueries(allUserLists())
    },
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
            mutation.mutate({ path: { user_id: user.id }, body: userUpdate(user, v) }),
          )}
          className="grid gap-4"
          noValidate
        >
          <DialogHeader>
            <DialogTitle>Edit User</DialogTitle>
            <DialogDescription>Update the user details below.</DialogDescription>
          </DialogHeader>
          <UserFields
            form={form as unknown as UseFormReturn<UserFormValues>}
            passwordRequired={false}
            prefix={`edit-user-${user.id}`}
          />
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

export function DeleteUser({
  user,
  open,
  onOpenChange,
}: {
  user: UserPublic
  open: boolean
  onOpenChange: (open: boolean) => void
}) {
  const queryClient = useQueryClient()
  const showError = useShowError()
  const mutation = useMutation({
    ...usersDeleteUserMutation(),
    onSuccess: () => {
      showSuccess("The user was deleted successfully")
      onOpenChange(false)
    },
    onError: showError,
    // every query (ui.md 2.8) but the users' security states: a deletion changes no one else's,
    // and asking for the deleted user's would answer 404 (its row goes with the new list)
    onSettled: () => queryClient.invalidateQueries({ predicate: (q) => !isUserSecurityQuery(q) }),
  })
  return (
    <ConfirmDialog
      open={open}
      onOpenChange={onOpenChange}
      title="Delete User"
      description={
        <>
          All items associated with this user will also be <strong>permanently deleted.</strong> Are
          you sure? You will not be able to undo this action.
        </>
      }
      action="Delete"
      pending={mutation.isPending}
      onConfirm={() => mutation.mutate({ path: { user_id: user.id } })}
    />
  )
}
