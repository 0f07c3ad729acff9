import { useMutation, useQueryClient } from "@tanstack/react-query"
import { QRCodeSVG } from "qrcode.react"
import {
  usersConfirmTotpMeMutation,
  usersReadSecurityMeQueryKey,
  usersStartTotpEnrolmentMeMutation,
} from "@/client/@tanstack/react-query.gen"
import { CodeForm } from "@/components/common/code-form"
import { Button, LoadingButton } from "@/components/ui/button"
import { useShowError } from "@/hooks/use-toast"
import { errorMessage } from "@/lib/api"

/** The secret in groups of four, as authenticator apps show and accept it. */
export function groupSecret(secret: string): string {
  return secret.match(/.{1,4}/g)?.join(" ") ?? secret
}

/**
 * Enrolment in two-factor (TOTP): `startLabel` asks the server for a secret
 * (`POST /users/me/two-factor/totp`, which starts again each time), shown as a QR code of its
 * `otpauth://` URI and as text for typing in; a code from the app confirms it
 * (`.../totp/confirm`), which turns two-factor on and answers the recovery codes for
 * `onEnabled` to show. Used by Settings > Two-factor and by the enrolment page.
 */
export function TwoFactorEnrolment({
  startLabel,
  onEnabled,
  onCancel,
}: {
  startLabel: string
  onEnabled: (recoveryCodes: string[]) => void
  onCancel?: () => void
}) {
  const queryClient = useQueryClient()
  const showError = useShowError()
  const start = useMutation({ ...usersStartTotpEnrolmentMeMutation(), onError: showError })
  const confirm = useMutation({
    ...usersConfirmTotpMeMutation(),
    onSuccess: (answer) => {
      onEnabled(answer.recovery_codes)
      void queryClient.invalidateQueries({ queryKey: usersReadSecurityMeQueryKey() })
    },
  })
  const enrolment = start.data
  if (!enrolment) {
    return (
      <div>
        <LoadingButton loading={start.isPending} onClick={() => start.mutate({})}>
          {startLabel}
        </LoadingButton>
      </div>
    )
  }
  return (
    <div className="flex flex-col gap-4">
      <p className="text-sm">
        1. Scan this QR code with your authenticator app (any app for time-based codes), or type the
        setup key into it.
      </p>
      <div className="w-fit rounded-lg bg-white p-3">
        <QRCodeSVG
          value={enrolment.otpauth_uri}
          size={176}
          role="img"
          aria-label="QR code for your authenticator app"
        />
      </div>
      <div className="grid gap-1">
        <span className="text-muted-foreground text-sm">Setup key</span>
        <code
          data-testid="totp-secret"
          className="w-fit break-all rounded-md bg-muted px-2 py-1 font-mono text-sm"
        >
          {groupSecret(enrolment.secret)}
        </code>
      </div>
      <p className="text-sm">2. Enter the 6-digit code the app shows to turn two-factor on.</p>
      <div className="max-w-xs">
        <CodeForm
          id="totp-confirm"
          kind="totp"
          label="Authentication code"
          submitLabel="Confirm"
          pending={confirm.isPending}
          error={confirm.error ? errorMessage(confirm.error) : undefined}
          onSubmit={(code) => confirm.mutate({ body: { code } })}
        >
          {onCancel && (
            <Button type="button" variant="ghost" onClick={onCancel}>
              Cancel
            </Button>
          )}
        </CodeForm>
      </div>
    </div>
  )
}
