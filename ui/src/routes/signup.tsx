import { zodResolver } from "@hookform/resolvers/zod"
import { useMutation } from "@tanstack/react-query"
import { createFileRoute, Link, redirect, useNavigate } from "@tanstack/react-router"
import { useForm } from "react-hook-form"
import { usersRegisterUserMutation } from "@/client/@tanstack/react-query.gen"
import { AuthLayout } from "@/components/common/auth-layout"
import { LoadingButton } from "@/components/ui/button"
import { Field } from "@/components/ui/field"
import { Input } from "@/components/ui/input"
import { PasswordInput } from "@/components/ui/password-input"
import { useTitle } from "@/hooks/use-title"
import { useShowError } from "@/hooks/use-toast"
import { type SignupValues, signupSchema } from "@/lib/schemas"
import { ensureSession } from "@/lib/session"

export const Route = createFileRoute("/signup")({
  component: SignUp,
  beforeLoad: async () => {
    if (await ensureSession()) throw redirect({ to: "/" })
  },
})

export function SignUpForm() {
  const navigate = useNavigate()
  const showError = useShowError()
  const form = useForm<SignupValues>({
    resolver: zodResolver(signupSchema),
    mode: "onBlur",
    reValidateMode: "onChange",
    criteriaMode: "all",
    defaultValues: { full_name: "", email: "", password: "", confirm_password: "" },
  })
  const mutation = useMutation({
    ...usersRegisterUserMutation(),
    onSuccess: () => navigate({ to: "/login" }),
    onError: showError,
  })
  const { errors } = form.formState
  return (
    <form
      // the confirmation stays in the browser (ui.md 2.3)
      onSubmit={form.handleSubmit((v) =>
        mutation.mutate({ body: { email: v.email, full_name: v.full_name, password: v.password } }),
      )}
      className="flex flex-col gap-6"
      noValidate
    >
      <h1 className="text-center text-2xl font-bold">Create an account</h1>
      <Field id="full_name" label="Full Name" error={errors.full_name}>
        <Input
          id="full_name"
          type="text"
          data-testid="full-name-input"
          placeholder="User"
          aria-invalid={!!errors.full_name}
          {...form.register("full_name")}
        />
      </Field>
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
      <Field id="password" label="Password" error={errors.password}>
        <PasswordInput
          id="password"
          data-testid="password-input"
          placeholder="Password"
          aria-invalid={!!errors.password}
          {...form.register("password")}
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
        Sign Up
      </LoadingButton>
      <p className="text-center text-sm">
        Already have an account?{" "}
        <Link to="/login" className="underline underline-offset-4">
          Log in
        </Link>
      </p>
    </form>
  )
}

function SignUp() {
  useTitle("Sign Up")
  return (
    <AuthLayout>
      <SignUpForm />
    </AuthLayout>
  )
}
