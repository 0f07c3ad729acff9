/**
 * Audit events as people read them: the kind as a phrase ("Login failed") and the detail as one
 * short line ("bob@example.com: wrong password"). The server's names stay the source of truth:
 * a kind or a detail this module does not know is still shown, worded from its own name.
 */
import type { AuditEventPublic, AuditReadAuditEventsData } from "@/client"

export type AuditKind = NonNullable<NonNullable<AuditReadAuditEventsData["query"]>["kind"]>

const KIND_LABELS: Record<AuditKind, string> = {
  login_succeeded: "Logged in",
  login_failed: "Login failed",
  login_limited: "Login blocked",
  session_revoked: "Session ended",
  password_changed: "Password changed",
  password_reset: "Password reset",
  recovery_requested: "Password recovery requested",
  email_changed: "Email changed",
  email_verified: "Email verified",
  user_created: "Account created",
  user_updated: "Account updated",
  user_deleted: "Account deleted",
  superuser_granted: "Superuser granted",
  superuser_revoked: "Superuser revoked",
  two_factor_enabled: "Two-factor authentication on",
  two_factor_disabled: "Two-factor authentication off",
  recovery_codes_renewed: "Recovery codes renewed",
}

/** Every kind the API filters by, in the order of the filter menus. */
export const AUDIT_KINDS = Object.keys(KIND_LABELS) as AuditKind[]

export function isAuditKind(value: unknown): value is AuditKind {
  return typeof value === "string" && Object.hasOwn(KIND_LABELS, value)
}

/** `some_name` -> `Some name`. */
function sentence(name: string): string {
  const words = name.replace(/_/g, " ").trim()
  return words.charAt(0).toUpperCase() + words.slice(1)
}

export function kindLabel(kind: string): string {
  return isAuditKind(kind) ? KIND_LABELS[kind] : sentence(kind)
}

const LOGIN_FAILURES: Record<string, string> = {
  wrong_password: "wrong password",
  unknown_account: "unknown account",
  inactive: "inactive account",
  email_not_verified: "email not verified",
}

const SESSION_ENDS: Record<string, string> = {
  logout: "Logged out",
  ended_by_user: "Ended by the user",
  others_ended_by_user: "Other sessions ended by the user",
  ended_by_superuser: "Ended by a superuser",
  refresh_token_reuse: "Refresh cookie used twice (possibly stolen)",
}

const CREATED_VIA: Record<string, string> = {
  signup: "Signed up",
  superuser: "Created by a superuser",
  first_superuser: "First superuser",
  private_route: "Created through the private API",
}

const VERIFIED_VIA: Record<string, string> = {
  link: "Through the emailed link",
  superuser: "Marked verified by a superuser",
}

const SESSION_KINDS: Record<string, string> = {
  refresh_cookie: "Browser session",
  access_token: "Access token",
}

const FIELD_NAMES: Record<string, string> = {
  full_name: "full name",
  is_active: "active",
  is_superuser: "superuser",
}

/** Keys that only make sense to the server (an id to look up). */
const HIDDEN = new Set(["session_id"])

function text(value: unknown): string {
  if (Array.isArray(value)) return value.map(text).join(", ")
  if (typeof value === "boolean") return value ? "yes" : "no"
  if (value === null || value === undefined) return ""
  if (typeof value === "object") return JSON.stringify(value)
  return String(value)
}

function worded(map: Record<string, string>, value: unknown): string {
  const raw = text(value)
  return map[raw] ?? sentence(raw)
}

/** One line about what the event's detail says; empty when it says nothing worth showing. */
export function describeDetail(event: Pick<AuditEventPublic, "kind" | "detail">): string {
  const detail = event.detail ?? {}
  const used = new Set<string>(HIDDEN)
  const take = (key: string): unknown => {
    used.add(key)
    return detail[key]
  }
  const has = (key: string) => detail[key] !== undefined && detail[key] !== null
  const parts: string[] = []
  switch (event.kind) {
    case "login_failed": {
      const email = text(take("email"))
      const reason = has("reason") ? worded(LOGIN_FAILURES, take("reason")).toLowerCase() : ""
      parts.push([email, reason].filter(Boolean).join(": "))
      break
    }
    case "login_succeeded":
      if (has("session")) parts.push(worded(SESSION_KINDS, take("session")))
      break
    case "session_revoked":
      if (has("reason")) parts.push(worded(SESSION_ENDS, take("reason")))
      if (has("sessions")) {
        const n = Number(take("sessions"))
        parts.push(`${n} ${n === 1 ? "session" : "sessions"}`)
      }
      break
    case "email_changed":
      if (has("old_email") || has("new_email")) {
        parts.push(`${text(take("old_email")) || "?"} → ${text(take("new_email")) || "?"}`)
      }
      break
    case "email_verified":
      if (has("via")) parts.push(worded(VERIFIED_VIA, take("via")))
      break
    case "user_created":
      if (has("via")) parts.push(worded(CREATED_VIA, take("via")))
      if (has("is_superuser")) parts.push(take("is_superuser") ? "superuser" : "not a superuser")
      break
    case "user_updated":
      if (has("fields")) {
        const fields = take("fields")
        const names = (Array.isArray(fields) ? fields : [fields]).map((f) =>
          worded(FIELD_NAMES, f).toLowerCase(),
        )
        parts.push(`Changed: ${names.join(", ")}`)
      }
      break
    case "recovery_requested":
      parts.push(text(take("email")))
      if (has("limited")) parts.push(take("limited") ? "refused: too many requests" : "")
      break
  }
  for (const [key, value] of Object.entries(detail)) {
    if (used.has(key) || value === null || value === undefined) continue
    parts.push(key === "email" ? text(value) : `${sentence(key)}: ${text(value)}`)
  }
  return parts.filter(Boolean).join(" · ")
}

const DATE_TIME = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeStyle: "medium" })

/** The event's time in the browser's time zone, e.g. `Jan 10, 2026, 12:00:05 PM`. */
export function formatDateTime(iso: string): string {
  const date = new Date(iso)
  return Number.isNaN(date.getTime()) ? iso : DATE_TIME.format(date)
}
