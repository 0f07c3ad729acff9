import { useQueryClient } from "@tanstack/react-query"
import { createFileRoute, redirect, useNavigate } from "@tanstack/react-router"
import * as React from "react"
import { AuthLayout } from "@/components/common/auth-layout"
import { RecoveryCodes } from "@/components/settings/recovery-codes"
import { TwoFactorEnrolment } from "@/components/settings/two-factor-enrol"
import { Button } from "@/components/ui/button"
import { Skeleton } from "@/components/ui/misc"
import { useAccountSecurity, useLogout } from "@/hooks/use-auth"
import { useTitle } from "@/hooks/use-title"
import { ensureSession } from "@/lib/session"

/**
 * Where the app sends a superuser whom the server refuses everything until they enrol in
 * two-factor (`TWO_FACTOR_REQUIRED_FOR_SUPERUSERS`; every other endpoint answers 403
 * `Two-factor enrolment required`). Outside the normal layout, whose sidebar and pages would
 * only be refused: the enrolment, the recovery codes, then the app. `Log out` is the other way
 * out.
 */
export const Route = createFileRoute("/two-factor-setup")({
  component: TwoFactorSetup,
  beforeLoad: async () => {
    if (!(await ensureSession())) throw redirect({ to: "/login" })
  },
})

function TwoFactorSetup() {
  useTitle("Two-Factor Setup")
  const { data: security } = useAccountSecurity()
  const [codes, setCodes] = React.useState<string[] | null>(null)
  const queryClient = useQueryClient()
  const navigate = useNavigate()
  const logout = useLogout()
  const proceed = () => {
    // the queries refused before the enrolment are asked again
    queryClient.clear()
    navigate({ to: "/" })
  }
  let content: React.ReactNode
  if (codes) {
    content = <RecoveryCodes codes={codes} doneLabel="Continue to the app" onDone={proceed} />
  } else if (!security) {
    content = <Skeleton className="h-9 w-40" />
  } else if (security.two_factor_enabled) {
    content = (
      <>
        <p className="text-sm">Two-factor authentication is on for your account.</p>
        <Button onClick={proceed}>Continue to the app</Button>
      </>
    )
  } else {
    content = <TwoFactorEnrolment startLabel="Set up two-factor" onEnabled={setCodes} />
  }
  return (
    <AuthLayout>
      <div className="flex flex-col gap-4">
        <h1 className="text-2xl font-bold">Set up two-factor authentication</h1>
        <p className="text-muted-foreground text-sm">
          Your account needs two-factor authentication before you can go on: a code from an
          authenticator app on your phone at each login, after your password.
        </p>
        {content}
        <Button variant="ghost" className="w-fit" onClick={() => void logout()}>
          Log out
        </Button>
      </div>
    </AuthLayout>
  )
}
