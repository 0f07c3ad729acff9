import * as React from "react"
import type { FieldError } from "react-hook-form"
import { cn } from "@/lib/utils"
import { Label } from "./label"

/** All messages of a field error (criteriaMode "all"), de-duplicated. */
export function errorMessages(error: FieldError | undefined): string[] {
  if (!error) return []
  const out: string[] = []
  if (error.types) {
    for (const value of Object.values(error.types)) {
      const list = Array.isArray(value) ? value : [value]
      for (const m of list) if (typeof m === "string" && !out.includes(m)) out.push(m)
    }
  }
  if (typeof error.message === "string" && !out.includes(error.message)) out.unshift(error.message)
  return out
}

export function Field({
  id,
  label,
  error,
  children,
  className,
  extra,
}: {
  id: string
  label: React.ReactNode
  error?: FieldError
  children: React.ReactNode
  className?: string
  extra?: React.ReactNode
}) {
  const messages = errorMessages(error)
  return (
    <div className={cn("grid gap-2", className)}>
      <div className="flex items-center justify-between">
        <Label htmlFor={id}>{label}</Label>
        {extra}
      </div>
      {messages.length > 0 && React.isValidElement<{ "aria-describedby"?: string }>(children)
        ? React.cloneElement(children, { "aria-describedby": `${id}-error` })
        : children}
      {messages.length > 0 && (
        <div id={`${id}-error`} className="grid gap-1">
          {messages.map((m) => (
            <p key={m} className="text-destructive text-sm">
              {m}
            </p>
          ))}
        </div>
      )}
    </div>
  )
}
