import { zodResolver } from "@hookform/resolvers/zod"
import { useMutation } from "@tanstack/react-query"
import { useForm } from "react-hook-form"
import { usersUpdatePasswordMeMutation } from "@/client/@tanstack/react-query.gen"
import { LoadingButton } from "@/components/ui/button"
import { Field } from "@/components/ui/field"
import { PasswordInput } from "@/components/ui/password-input"
import { showSuccess, useShowError } from "@/hooks/use-toast"
import { type ChangePasswordValues, changePasswordSchema } from "@/lib/schemas"

const empty = { current_password: "", new_password: "", confirm_password: "" }

export function ChangePassword() {
  const showError = useShowError()
  const form = useForm<ChangePasswordValues>({
    resolver: zodResolver(changePasswordSchema),
    mode: "onSubmit",
    criteriaMode: "all",
    defaultValues: empty,
  })
  const mutation = useMutation({
    ...usersUpdatePasswordMeMutation(),
    onSuccess: () => {
      showSuccess("Password updated successfully")
      form.reset(empty)
    },
    onError: showError,
  })
  const { errors } = form.formState
  return (
    <div className="flex max-w-md flex-col gap-4">
      <h2 className="text-lg font-semibold">Change Password</h2>
      <form
        // the confirmation goes along, as in the template; the server ignores it (ui.md 2.12)
        onSubmit={form.handleSubmit((v) => mutation.mutate({ body: v }))}
        className="grid gap-4"
        noValidate
      >
        <Field id="current_password" label="Current Password" error={errors.current_password}>
          <PasswordInput
            id="current_password"
            data-testid="current-password-input"
            placeholder="••••••••"
            aria-invalid={!!errors.current_password}
            {...form.register("current_password")}
          />
        </Field>
        <Field id="new_password" label="New Password" error={errors.new_password}>
          <PasswordInput
            id="new_password"
            data-testid="new-password-input"
            placeholder="••••••••"
            aria-invalid={!!errors.new_password}
            {...form.register("new_password")}
          />
        </Field>
        <Field id="confirm_password" label="Confirm Password" error={errors.confirm_password}>
          <PasswordInput
            id="confirm_password"
            data-testid="confirm-password-input"
            placeholder="••••••••"
            aria-invalid={!!errors.confirm_password}
            {...form.register("confirm_password")}
          />
        </Field>
        <div>
          <LoadingButton type="submit" loading={mutation.isPending}>
            Update Password
          </LoadingButton>
        </div>
      </form>
    </div>
  )
}
