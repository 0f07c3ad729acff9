import { useMutation } from "@tanstack/react-query"
import * as React from "react"
import { loginLoginTwoFactorMutation } from "@/client/@tanstack/react-query.gen"
import { CodeForm } from "@/components/common/code-form"
import { Button } from "@/components/ui/button"
import { useFinishLogin } from "@/hooks/use-auth"
import { errorDetail, errorMessage } from "@/lib/api"

/** Why the code step ended without a login: the user went back, or the step's token expired
 * (five minutes) and the password is needed again. */
export type Restart = "back" | "expired"

/**
 * The login's second step, after a correct password of an account with two-factor: the code
 * from the authenticator app or, with `Use a recovery code`, one of the recovery codes. Both go
 * to `POST /login/two-factor` with the step's token; as the login began on `/login/session`,
 * the answer sets the refresh cookie (hence `credentials: "include"`) and the login goes on as
 * after a password. A wrong code, or too many, is said under the field.
 */
export function TwoFactorStep({
  token,
  onRestart,
}: {
  token: string
  onRestart: (why: Restart) => void
}) {
  const [recovery, setRecovery] = React.useState(false)
  const finishLogin = useFinishLogin()
  const verify = useMutation({
    ...loginLoginTwoFactorMutation({ credentials: "include" }),
    onSuccess: finishLogin,
    onError: (err) => {
      if (errorDetail(err) === "Invalid token") onRestart("expired")
    },
  })
  const switchKind = () => {
    verify.reset()
    setRecovery((r) => !r)
  }
  return (
    <div className="flex flex-col gap-6">
      <div className="flex flex-col gap-2 text-center">
        <h1 className="text-2xl font-bold">Two-factor authentication</h1>
        <p className="text-muted-foreground text-sm">
          {recovery
            ? "Enter one of the recovery codes you saved when you turned two-factor on. Each works once."
            : "Enter the 6-digit code from your authenticator app."}
        </p>
      </div>
      <CodeForm
        // a new form for the other kind: its own validation, an empty field
        key={recovery ? "recovery" : "totp"}
        id={recovery ? "recovery-code" : "totp-code"}
        kind={recovery ? "recovery" : "totp"}
        label={recovery ? "Recovery code" : "Authentication code"}
        submitLabel="Verify"
        pending={verify.isPending}
        error={verify.error ? errorMessage(verify.error) : undefined}
        onSubmit={(code) => verify.mutate({ body: { two_factor_token: token, code } })}
      >
        <Button type="button" variant="link" onClick={switchKind}>
          {recovery ? "Use the authenticator app" : "Use a recovery code"}
        </Button>
        <Button type="button" variant="ghost" onClick={() => onRestart("back")}>
          Back to the password
        </Button>
      </CodeForm>
    </div>
  )
}
