import { zodResolver } from "@hookform/resolvers/zod"
import { useMutation, useQueryClient } from "@tanstack/react-query"
import * as React from "react"
import { useForm } from "react-hook-form"
import {
  usersDisableTwoFactorMeMutation,
  usersReadSecurityMeQueryKey,
  usersRegenerateRecoveryCodesMeMutation,
} from "@/client/@tanstack/react-query.gen"
import { CodeForm } from "@/components/common/code-form"
import { Button, LoadingButton } from "@/components/ui/button"
import {
  Dialog,
  DialogClose,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
} from "@/components/ui/dialog"
import { Field } from "@/components/ui/field"
import { PasswordInput } from "@/components/ui/password-input"
import { showSuccess } from "@/hooks/use-toast"
import { errorMessage } from "@/lib/api"
import { type DisableTwoFactorValues, disableTwoFactorSchema } from "@/lib/schemas"

/** The server's refusal, in the dialog beside the field it is about. */
function Refusal({ error }: { error: unknown }) {
  if (!error) return null
  return (
    <p role="alert" className="text-destructive text-sm">
      {errorMessage(error)}
    </p>
  )
}

/** Turning two-factor off (`DELETE /users/me/two-factor`) asks for the password: whoever finds
 * the browser logged in should not be able to weaken the account. */
export function DisableTwoFactor() {
  const [open, setOpen] = React.useState(false)
  const queryClient = useQueryClient()
  const form = useForm<DisableTwoFactorValues>({
    resolver: zodResolver(disableTwoFactorSchema),
    mode: "onSubmit",
    defaultValues: { password: "" },
  })
  const mutation = useMutation({
    ...usersDisableTwoFactorMeMutation(),
    onSuccess: (answer) => {
      showSuccess(answer.message)
      setOpen(false)
      form.reset()
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: usersReadSecurityMeQueryKey() }),
  })
  const onOpenChange = (o: boolean) => {
    setOpen(o)
    if (!o) {
      form.reset()
      mutation.reset()
    }
  }
  const { errors } = form.formState
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <Button variant="destructive" onClick={() => setOpen(true)}>
        Disable
      </Button>
      <DialogContent>
        <form
          onSubmit={form.handleSubmit((v) => mutation.mutate({ body: { password: v.password } }))}
          className="grid gap-4"
          noValidate
        >
          <DialogHeader>
            <DialogTitle>Disable Two-Factor Authentication</DialogTitle>
            <DialogDescription>
              Logging in will ask for your password only, and your recovery codes stop working.
              Enter your password to confirm.
            </DialogDescription>
          </DialogHeader>
          <Field id="disable-two-factor-password" label="Password" error={errors.password}>
            <PasswordInput
              id="disable-two-factor-password"
              autoComplete="current-password"
              aria-invalid={!!errors.password}
              {...form.register("password")}
            />
          </Field>
          <Refusal error={mutation.error} />
          <DialogFooter>
            <DialogClose asChild>
              <Button variant="outline" type="button" disabled={mutation.isPending}>
                Cancel
              </Button>
            </DialogClose>
            <LoadingButton type="submit" variant="destructive" loading={mutation.isPending}>
              Disable
            </LoadingButton>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  )
}

/** New recovery codes (`POST /users/me/two-factor/recovery-codes`; the old ones stop working),
 * after a current code from the app or an unused recovery code. */
export function RegenerateRecoveryCodes({ onCodes }: { onCodes: (codes: string[]) => void }) {
  const [open, setOpen] = React.useState(false)
  const mutation = useMutation({
    ...usersRegenerateRecoveryCodesMeMutation(),
    onSuccess: (answer) => {
      setOpen(false)
      onCodes(answer.recovery_codes)
    },
  })
  return (
    <Dialog
      open={open}
      onOpenChange={(o) => {
        setOpen(o)
        if (!o) mutation.reset()
      }}
    >
      <Button variant="outline" onClick={() => setOpen(true)}>
        Regenerate recovery codes
      </Button>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>Regenerate Recovery Codes</DialogTitle>
          <DialogDescription>
            You get ten new codes and the old ones stop working. Enter a code from your
            authenticator app, or an unused recovery code.
          </DialogDescription>
        </DialogHeader>
        <CodeForm
          id="regenerate-code"
          kind="any"
          label="Code"
          submitLabel="Regenerate"
          pending={mutation.isPending}
          error={mutation.error ? errorMessage(mutation.error) : undefined}
          onSubmit={(code) => mutation.mutate({ body: { code } })}
        />
      </DialogContent>
    </Dialog>
  )
}
