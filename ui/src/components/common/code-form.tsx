import { zodResolver } from "@hookform/resolvers/zod"
import type * as React from "react"
import { useForm } from "react-hook-form"
import { LoadingButton } from "@/components/ui/button"
import { Field } from "@/components/ui/field"
import { Input } from "@/components/ui/input"
import { type CodeKind, type CodeValues, codeSchemas } from "@/lib/schemas"

/** What the input looks like for each kind: the app's code gets the numeric keyboard and the
 * browser's one-time-code autofill; a recovery code is letters and digits. */
const inputProps: Record<CodeKind, React.ComponentProps<"input">> = {
  totp: {
    inputMode: "numeric",
    autoComplete: "one-time-code",
    placeholder: "123456",
    maxLength: 7,
  },
  recovery: { autoComplete: "off", placeholder: "xxxxx-xxxxx", spellCheck: false },
  any: { autoComplete: "one-time-code", placeholder: "123456 or xxxxx-xxxxx", spellCheck: false },
}

/** A form with one code field (the login's second step, confirming an enrolment,
 * regenerating the recovery codes). The code is submitted without spaces; `error` is the
 * server's refusal, shown under the field. */
export function CodeForm({
  id,
  kind,
  label,
  submitLabel,
  pending,
  error,
  onSubmit,
  children,
}: {
  id: string
  kind: CodeKind
  label: string
  submitLabel: string
  pending: boolean
  error?: string
  onSubmit: (code: string) => void
  /** Further controls below the submit button (switching the kind, going back). */
  children?: React.ReactNode
}) {
  const form = useForm<CodeValues>({
    resolver: zodResolver(codeSchemas[kind]),
    mode: "onSubmit",
    defaultValues: { code: "" },
  })
  const submit = (values: CodeValues) => {
    if (!pending) onSubmit(values.code.replace(/\s/g, ""))
  }
  const fieldError = form.formState.errors.code
  return (
    <form onSubmit={form.handleSubmit(submit)} className="grid gap-4" noValidate>
      <Field id={id} label={label} error={fieldError}>
        <Input
          id={id}
          data-testid={`${id}-input`}
          aria-invalid={!!fieldError || !!error}
          {...inputProps[kind]}
          {...form.register("code")}
        />
      </Field>
      {error && (
        <p role="alert" className="text-destructive text-sm">
          {error}
        </p>
      )}
      <LoadingButton type="submit" loading={pending}>
        {submitLabel}
      </LoadingButton>
      {children}
    </form>
  )
}
