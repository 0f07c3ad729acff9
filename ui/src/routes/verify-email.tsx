import { useMutation, useQueryClient } from "@tanstack/react-query"
import { createFileRoute, Link, redirect } from "@tanstack/react-router"
import { CircleCheck, CircleX, Loader2 } from "lucide-react"
import * as React from "react"
import {
  usersReadSecurityMeQueryKey,
  usersResendVerificationMeMutation,
  usersVerifyEmailMutation,
} from "@/client/@tanstack/react-query.gen"
import { AuthLayout } from "@/components/common/auth-layout"
import { Button, LoadingButton } from "@/components/ui/button"
import { useTitle } from "@/hooks/use-title"
import { showSuccess, useShowError } from "@/hooks/use-toast"
import { errorDetail, errorMessage } from "@/lib/api"
import { ensureSession, isLoggedIn } from "@/lib/session"

/** The page of the link in the verification email (`FRONTEND_HOST/verify-email?token=...`).
 * Unlike the other public pages it also serves a logged-in user: the link is often opened in
 * the browser where the app asks for it. */
export const Route = createFileRoute("/verify-email")({
  component: VerifyEmail,
  validateSearch: (search: Record<string, unknown>): { token: string } => ({
    token: typeof search.token === "string" ? search.token : "",
  }),
  beforeLoad: async ({ search }) => {
    const loggedIn = await ensureSession()
    if (!search.token) throw redirect({ to: loggedIn ? "/" : "/login" })
  },
})

function Outcome({
  icon,
  title,
  children,
}: {
  icon: React.ReactNode
  title: string
  children: React.ReactNode
}) {
  return (
    <div className="flex flex-col items-center gap-4 text-center">
      {icon}
      <h1 className="text-2xl font-bold">{title}</h1>
      {children}
    </div>
  )
}

/** Where to go next: the app when logged in, else the login page. */
function Continue() {
  const loggedIn = isLoggedIn()
  return (
    <Button asChild className="w-full">
      <Link to={loggedIn ? "/" : "/login"}>{loggedIn ? "Continue to the app" : "Log in"}</Link>
    </Button>
  )
}

/** A new link, for a logged-in user whose link did not work. */
function ResendLink() {
  const queryClient = useQueryClient()
  const showError = useShowError()
  const resend = useMutation({
    ...usersResendVerificationMeMutation(),
    onSuccess: (answer) => showSuccess(answer?.message ?? "Verification email sent"),
    onError: showError,
    onSettled: () => queryClient.invalidateQueries({ queryKey: usersReadSecurityMeQueryKey() }),
  })
  return (
    <LoadingButton
      variant="outline"
      className="w-full"
      loading={resend.isPending}
      onClick={() => resend.mutate({})}
    >
      Send a new link
    </LoadingButton>
  )
}

export function VerifyEmailResult({ token }: { token: string }) {
  const queryClient = useQueryClient()
  const verify = useMutation({
    ...usersVerifyEmailMutation(),
    // the banner of the logged-in layout asks again
    onSuccess: () => queryClient.invalidateQueries({ queryKey: usersReadSecurityMeQueryKey() }),
  })
  const { mutate } = verify
  // A token works once: send it once per page, also when React runs effects twice (StrictMode).
  const sent = React.useRef<string | null>(null)
  React.useEffect(() => {
    if (sent.current === token) return
    sent.current = token
    mutate({ body: { token } })
  }, [token, mutate])

  if (verify.isSuccess) {
    return (
      <Outcome
        icon={<CircleCheck className="size-12 text-green-600" aria-hidden="true" />}
        title="Email verified"
      >
        <p className="text-muted-foreground">Thank you: your email address is verified.</p>
        <Continue />
      </Outcome>
    )
  }
  if (verify.isError) {
    if (errorDetail(verify.error) === "Invalid token") {
      const loggedIn = isLoggedIn()
      return (
        <Outcome
          icon={<CircleX className="size-12 text-destructive" aria-hidden="true" />}
          title="Invalid link"
        >
          <p className="text-muted-foreground">
            This verification link is invalid, already used or expired.
          </p>
          <p className="text-muted-foreground text-sm">
            {loggedIn
              ? "If your email is not verified yet, ask for a new link."
              : "Log in to get a new link; if your email is verified already, there is nothing else to do."}
          </p>
          {loggedIn && <ResendLink />}
          <Continue />
        </Outcome>
      )
    }
    return (
      <Outcome
        icon={<CircleX className="size-12 text-destructive" aria-hidden="true" />}
        title="Something went wrong"
      >
        <p className="text-muted-foreground">{errorMessage(verify.error)}</p>
        <Button className="w-full" onClick={() => mutate({ body: { token } })}>
          Try again
        </Button>
      </Outcome>
    )
  }
  return (
    <Outcome
      icon={<Loader2 className="size-12 animate-spin text-muted-foreground" aria-hidden="true" />}
      title="Verifying your email"
    >
      <p className="text-muted-foreground">One moment…</p>
    </Outcome>
  )
}

function VerifyEmail() {
  useTitle("Verify Email")
  const { token } = Route.useSearch()
  return (
    <AuthLayout>
      <VerifyEmailResult token={token} />
    </AuthLayout>
  )
}
