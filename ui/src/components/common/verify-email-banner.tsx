import { useMutation, useQueryClient } from "@tanstack/react-query"
import { MailWarning } from "lucide-react"
import {
  usersReadSecurityMeQueryKey,
  usersResendVerificationMeMutation,
} from "@/client/@tanstack/react-query.gen"
import { LoadingButton } from "@/components/ui/button"
import { useAccountSecurity, useCurrentUser } from "@/hooks/use-auth"
import { showSuccess, useShowError } from "@/hooks/use-toast"

/** Above every page of the app while the account's email is not verified: what to do, and a
 * button for a new link (`POST /users/me/verify-email`; the toast says what the server
 * answered, a rate limit included). With `EMAIL_VERIFICATION=off` the server reports every
 * email verified, so the banner never shows. */
export function VerifyEmailBanner() {
  const queryClient = useQueryClient()
  const showError = useShowError()
  const { data: security } = useAccountSecurity()
  const { data: user } = useCurrentUser()
  const resend = useMutation({
    ...usersResendVerificationMeMutation(),
    onSuccess: (answer) => showSuccess(answer?.message ?? "Verification email sent"),
    onError: showError,
    // "Email already verified" (in another tab, say): the banner goes
    onSettled: () => queryClient.invalidateQueries({ queryKey: usersReadSecurityMeQueryKey() }),
  })
  if (!security || security.email_verified) return null
  return (
    <section
      aria-label="Email verification"
      data-testid="verify-email-banner"
      className="flex flex-wrap items-center gap-3 border-amber-500/30 border-b bg-amber-500/10 px-4 py-2 text-sm"
    >
      <MailWarning className="size-4 shrink-0 text-amber-600" aria-hidden="true" />
      <p className="min-w-0 flex-1">
        Your email address{user ? <strong className="break-all"> {user.email}</strong> : null} is
        not verified yet. Open the link we sent you to verify it.
      </p>
      <LoadingButton
        size="sm"
        variant="outline"
        loading={resend.isPending}
        onClick={() => resend.mutate({})}
      >
        Resend
      </LoadingButton>
    </section>
  )
}
