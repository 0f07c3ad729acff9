import { zodResolver } from "@hookform/resolvers/zod"
import { useMutation } from "@tanstack/react-query"
import { createFileRoute, Link, redirect, useNavigate } from "@tanstack/react-router"
import { useForm } from "react-hook-form"
import { loginResetPasswordMutation } from "@/client/@tanstack/react-query.gen"
import { AuthLayout } from "@/components/common/auth-layout"
import { LoadingButton } from "@/components/ui/button"
import { Field } from "@/components/ui/field"
import { PasswordInput } from "@/components/ui/password-input"
import { useTitle } from "@/hooks/use-title"
import { showSuccess, useShowError } from "@/hooks/use-toast"
import { type ResetValues, resetSchema } from "@/lib/schemas"
import { ensureSession } from "@/lib/session"

export const Route = createFileRoute("/reset-password")({
  component: ResetPassword,
  validateSearch: (search: Record<string, unknown>): { token: string } => ({
    token: typeof search.token === "string" ? search.token : "",
  }),
  beforeLoad: async ({ search }) => {
    if (await ensureSession()) throw redirect({ to: "/" })
    if (!search.token) throw redirect({ to: "/login" })
  },
})

export function ResetPasswordForm({ token }: { token: string }) {
  const navigate = useNavigate()
  const showError = useShowError()
  const form = useForm<ResetValues>({
    resolver: zodResolver(resetSchema),
    mode: "onBlur",
    reValidateMode: "onChange",
    criteriaMode: "all",
    defaultValues: { new_password: "", confirm_password: "" },
  })
  const mutation = useMutation({
    ...loginResetPasswordMutation(),
    onSuccess: () => {
      showSuccess("Password updated successfully")
      form.reset()
      navigate({ to: "/login" })
    },
    onError: showError,
  })
  const { errors } = form.formState
  return (
    <form
      onSubmit={form.handleSubmit((v) =>
        mutation.mutate({ body: { new_password: v.new_password, token } }),
      )}
      className="flex flex-col gap-6"
      noValidate
    >
      <h1 className="text-center text-2xl font-bold">Reset Password</h1>
      <Field id="new_password" label="New Password" error={errors.new_password}>
        <PasswordInput
          id="new_password"
          data-testid="new-password-input"
          placeholder="New Password"
          aria-invalid={!!errors.new_password}
          {...form.register("new_password")}
        />
      </Field>
      <Field id="confirm_password" label="Confirm Password" error={errors.confirm_password}>
        <PasswordInput
          id="confirm_password"
          data-testid="confirm-password-input"
          placeholder="Confirm Password"
          aria-invalid={!!errors.confirm_password}
          {...form.register("confirm_password")}
        />
      </Field>
      <LoadingButton type="submit" loading={mutation.isPending} className="w-full">
        Reset Password
      </LoadingButton>
      <p className="text-center text-sm">
        Remember your password?{" "}
        <Link to="/login" className="underline underline-offset-4">
          Log in
        </Link>
      </p>
    </form>
  )
}

function ResetPassword() {
  useTitle("Reset Password")
  const { token } = Route.useSearch()
  return (
    <AuthLayout>
      <ResetPasswordForm token={token} />
    </AuthLayout>
  )
}
