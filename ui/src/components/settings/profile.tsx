import { zodResolver } from "@hookform/resolvers/zod"
import { useMutation, useQueryClient } from "@tanstack/react-query"
import * as React from "react"
import { useForm } from "react-hook-form"
import type { UserPublic, UserUpdateMe } from "@/client"
import {
  usersReadUserMeQueryKey,
  usersUpdateUserMeMutation,
} from "@/client/@tanstack/react-query.gen"
import { Button, LoadingButton } from "@/components/ui/button"
import { Field } from "@/components/ui/field"
import { Input } from "@/components/ui/input"
import { showSuccess, useShowError } from "@/hooks/use-toast"
import { type ProfileValues, profileSchema } from "@/lib/schemas"
import { cn } from "@/lib/utils"

/** Only the fields whose value differs from the loaded user, possibly none (ui.md 2.12). */
function changedFields(user: UserPublic, v: ProfileValues): UserUpdateMe {
  const body: UserUpdateMe = {}
  if (v.full_name !== (user.full_name ?? "")) body.full_name = v.full_name
  if (v.email !== user.email) body.email = v.email
  return body
}

export function UserInformation({ user }: { user: UserPublic }) {
  const [editing, setEditing] = React.useState(false)
  const queryClient = useQueryClient()
  const showError = useShowError()
  const defaults = { full_name: user.full_name ?? "", email: user.email }
  const form = useForm<ProfileValues>({
    resolver: zodResolver(profileSchema),
    mode: "onBlur",
    reValidateMode: "onChange",
    criteriaMode: "all",
    defaultValues: defaults,
  })
  const mutation = useMutation({
    ...usersUpdateUserMeMutation(),
    onSuccess: (updated) => {
      showSuccess("User updated successfully")
      if (updated) {
        queryClient.setQueryData(usersReadUserMeQueryKey(), updated)
        form.reset({ full_name: updated.full_name ?? "", email: updated.email })
      }
      setEditing(false)
    },
    onError: showError,
    onSettled: () => queryClient.invalidateQueries(),
  })
  const { errors, isDirty } = form.formState

  return (
    <div className="flex max-w-md flex-col gap-4">
      <h2 className="text-lg font-semibold">User Information</h2>
      <form
        onSubmit={form.handleSubmit((v) => mutation.mutate({ body: changedFields(user, v) }))}
        className="grid gap-4"
        noValidate
      >
        {editing ? (
          <>
            <Field id="profile-full-name" label="Full name" error={errors.full_name}>
              <Input
                id="profile-full-name"
                type="text"
                aria-invalid={!!errors.full_name}
                {...form.register("full_name")}
              />
            </Field>
            <Field id="profile-email" label="Email" error={errors.email}>
              <Input
                id="profile-email"
                type="email"
                aria-invalid={!!errors.email}
                {...form.register("email")}
              />
            </Field>
            <div className="flex gap-2">
              <LoadingButton type="submit" loading={mutation.isPending} disabled={!isDirty}>
                Save
              </LoadingButton>
              <Button
                type="button"
                variant="outline"
                disabled={mutation.isPending}
                onClick={() => {
                  form.reset({ full_name: user.full_name ?? "", email: user.email })
                  setEditing(false)
                }}
              >
                Cancel
              </Button>
            </div>
          </>
        ) : (
          <>
            <div className="grid gap-1">
              <span className="text-sm font-medium">Full name</span>
              <p className={cn("py-1", !user.full_name && "text-muted-foreground")}>
                {user.full_name || "N/A"}
              </p>
            </div>
            <div className="grid gap-1">
              <span className="text-sm font-medium">Email</span>
              <p className="py-1">{user.email}</p>
            </div>
            <div>
              <Button
                type="button"
                onClick={() => {
                  form.reset({ full_name: user.full_name ?? "", email: user.email })
                  setEditing(true)
                }}
              >
                Edit
              </Button>
            </div>
          </>
        )}
      </form>
    </div>
  )
}
