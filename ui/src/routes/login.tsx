import { zodResolver } from "@hookform/resolvers/zod"
import { createFileRoute, Link, redirect } from "@tanstack/react-router"
import * as React from "react"
import { useForm } from "react-hook-form"
import { AuthLayout } from "@/components/common/auth-layout"
import { TwoFactorStep } from "@/components/login/two-factor-step"
import { LoadingButton } from "@/components/ui/button"
import { Field } from "@/components/ui/field"
import { Input } from "@/components/ui/input"
import { PasswordInput } from "@/components/ui/password-input"
import { useLogin } from "@/hooks/use-auth"
import { useTitle } from "@/hooks/use-title"
import { isEmailNotVerified } from "@/lib/api"
import { type LoginValues, loginSchema } from "@/lib/schemas"
import { ensureSession } from "@/lib/session"
import { twoFactorToken } from "@/lib/two-factor"

export const Route = createFileRoute("/login")({
  component: Login,
  beforeLoad: async () => {
    if (await ensureSession()) throw redirect({ to: "/" })
  },
})

export function LoginForm() {
  const login = useLogin()
  // set when the code step's token expired: the password is asked again, with a word why
  const [expired, setExpired] = React.useState(false)
  const form = useForm<LoginValues>({
    resolver: zodResolver(loginSchema),
    mode: "onBlur",
    reValidateMode: "onChange",
    criteriaMode: "all",
    defaultValues: { username: "", password: "" },
  })
  const { errors } = form.formState
  const onSubmit = (values: LoginValues) => {
    if (login.isPending) return
    setExpired(false)
    // only username and password are sent (ui.md 2.2); the other OAuth2 form fields are optional
    login.mutate({ body: { username: values.username, password: values.password } })
  }
  // a correct password of an account with two-factor: the code step, until it logs in or goes
  // back (the form keeps the values typed, for a second try)
  const challenge = twoFactorToken(login.error)
  if (challenge) {
    return (
      <TwoFactorStep
        token={challenge}
        onRestart={(why) => {
          setExpired(why === "expired")
          login.reset()
        }}
      />
    )
  }
  return (
    <form onSubmit={form.handleSubmit(onSubmit)} className="flex flex-col gap-6" noValidate>
      <h1 className="text-center text-2xl font-bold">Login to your account</h1>
      <Field id="username" label="Email" error={errors.username}>
        <Input
          id="username"
          type="email"
          data-testid="email-input"
          placeholder="user@example.com"
          aria-invalid={!!errors.username}
          {...form.register("username")}
        />
      </Field>
      <Field
        id="password"
        label="Password"
        error={errors.password}
        extra={
          <Link to="/recover-password" className="text-sm underline-offset-4 hover:underline">
            Forgot your password?
          </Link>
        }
      >
        <PasswordInput
          id="password"
          data-testid="password-input"
          placeholder="Password"
          aria-invalid={!!errors.password}
          {...form.register("password")}
        />
      </Field>
      {isEmailNotVerified(login.error) && (
        <p
          role="alert"
          data-testid="email-not-verified"
          className="rounded-md border border-amber-500/40 bg-amber-500/10 p-3 text-sm"
        >
          Your email is not verified yet. We sent a new verification link to your address: open it,
          then log in.
        </p>
      )}
      {expired && (
        <p
          role="alert"
          data-testid="two-factor-expired"
          className="rounded-md border border-amber-500/40 bg-amber-500/10 p-3 text-sm"
        >
          The two-factor step expired. Log in again with your password.
        </p>
      )}
      <LoadingButton type="submit" loading={login.isPending} className="w-full">
        Log In
      </LoadingButton>
      <p className="text-center text-sm">
        Don't have an account yet?{" "}
        <Link to="/signup" className="underline underline-offset-4">
          Sign up
        </Link>
      </p>
    </form>
  )
}

function Login() {
  useTitle("Log In")
  return (
    <AuthLayout>
      <LoginForm />
    </AuthLayout>
  )
}
