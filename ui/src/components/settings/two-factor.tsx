import * as React from "react"
import { Badge, Skeleton } from "@/components/ui/misc"
import { useAccountSecurity } from "@/hooks/use-auth"
import { RecoveryCodes } from "./recovery-codes"
import { DisableTwoFactor, RegenerateRecoveryCodes } from "./two-factor-dialogs"
import { TwoFactorEnrolment } from "./two-factor-enrol"

/**
 * Settings > Two-factor: the state from `GET /users/me/security` (`two_factor_enabled`) and
 * what can be done in it: off, `Enable` (the enrolment); on, `Regenerate recovery codes` and
 * `Disable`. Fresh recovery codes (after an enrolment or a regeneration) stay on screen until
 * the user says they are saved, whatever the state meanwhile reads.
 */
export function TwoFactor() {
  const { data: security, isPending } = useAccountSecurity()
  const [codes, setCodes] = React.useState<string[] | null>(null)
  // a cancelled enrolment starts over from the `Enable` button
  const [attempt, setAttempt] = React.useState(0)
  const enabled = security?.two_factor_enabled
  let content: React.ReactNode
  if (codes) {
    content = <RecoveryCodes codes={codes} doneLabel="Done" onDone={() => setCodes(null)} />
  } else if (isPending || !security) {
    content = <Skeleton className="h-9 w-40" />
  } else if (enabled) {
    content = (
      <>
        <p className="text-sm">
          Logging in asks for a code from your authenticator app after your password. Lost the app?
          A recovery code works once in its place.
        </p>
        <div className="flex flex-wrap gap-2">
          <RegenerateRecoveryCodes onCodes={setCodes} />
          <DisableTwoFactor />
        </div>
      </>
    )
  } else {
    content = (
      <>
        <p className="text-sm">
          Protect your account with a second step at login: a code from an authenticator app on your
          phone, which changes every 30 seconds.
        </p>
        <TwoFactorEnrolment
          key={attempt}
          startLabel="Enable"
          onEnabled={setCodes}
          onCancel={() => setAttempt((a) => a + 1)}
        />
      </>
    )
  }
  return (
    <div className="flex max-w-2xl flex-col gap-4">
      <div className="flex items-center gap-2">
        <h2 className="text-lg font-semibold">Two-factor authentication</h2>
        {security && (
          <Badge data-testid="two-factor-status" variant={enabled ? "default" : "secondary"}>
            {enabled ? "On" : "Off"}
          </Badge>
        )}
      </div>
      {content}
    </div>
  )
}
