import { zodResolver } from "@hookform/resolvers/zod"
import { useMutation } from "@tanstack/react-query"
import { createFileRoute, Link, redirect } from "@tanstack/react-router"
import { useForm } from "react-hook-form"
import { loginRecoverPasswordMutation } from "@/client/@tanstack/react-query.gen"
import { AuthLayout } from "@/components/common/auth-layout"
import { LoadingButton } from "@/components/ui/button"
import { Field } from "@/components/ui/field"
import { Input } from "@/components/ui/input"
import { useTitle } from "@/hooks/use-title"
import { showSuccess, useShowError } from "@/hooks/use-toast"
import { type RecoverValues, recoverSchema } from "@/lib/schemas"
import { ensureSession } from "@/lib/session"

export const Route = createFileRoute("/recover-password")({
  component: RecoverPassword,
  beforeLoad: async () => {
    if (await ensureSession()) throw redirect({ to: "/" })
  },
})

export function RecoverPasswordForm() {
  const showError = useShowError()
  const form = useForm<RecoverValues>({
    resolver: zodResolver(recoverSchema),
    mode: "onSubmit",
    criteriaMode: "all",
    defaultValues: { email: "" },
  })
  const mutation = useMutation({
    ...loginRecoverPasswordMutation(),
    onSuccess: () => {
      showSuccess("Password recovery email sent successfully")
      form.reset()
    },
    onError: showError,
  })
  const { errors } = form.formState
  return (
    <form
      onSubmit={form.handleSubmit((v) => mutation.mutate({ path: { email: v.email } }))}
      className="flex flex-col gap-6"
      noValidate
    >
      <h1 className="text-center text-2xl font-bold">Password Recovery</h1>
      <Field id="email" label="Email" error={errors.email}>
        <Input
          id="email"
          type="email"
          data-testid="email-input"
          placeholder="user@example.com"
          aria-invalid={!!errors.email}
          {...form.register("email")}
        />
      </Field>
      <LoadingButton type="submit" loading={mutation.isPending} className="w-full">
        Continue
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

function RecoverPassword() {
  useTitle("Recover Password")
  return (
    <AuthLayout>
      <RecoverPasswordForm />
    </AuthLayout>
  )
}
