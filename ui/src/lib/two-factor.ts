/**
 * What the app needs to know about the server's two-factor answers, in one place: the login's
 * second step, and a superuser's account that must enrol before using the API
 * (`TWO_FACTOR_REQUIRED_FOR_SUPERUSERS`). Neither is a failed session, so the global 401/403
 * rule (`isAuthError`) and the token renewal (`sessionFetch`) ask here first.
 */
import { ApiError } from "./api-error"

/** The 401 detail of a correct password for an account with two-factor. */
export const CODE_REQUIRED = "Two-factor code required"
/** The 403 detail of every endpoint but enrolment's for a superuser who must enrol first. */
export const ENROLMENT_REQUIRED = "Two-factor enrolment required"
/** Where such a superuser is sent (a page outside the normal layout). */
export const ENROLMENT_PATH = "/two-factor-setup"

function bodyOf(err: unknown): Record<string, unknown> | undefined {
  if (!(err instanceof ApiError)) return undefined
  const body = err.body
  return body && typeof body === "object" ? (body as Record<string, unknown>) : undefined
}

/** The login's `two_factor_token` when the password was right but a code is still needed. */
export function twoFactorToken(err: unknown): string | undefined {
  const body = bodyOf(err)
  if (!body || (err as ApiError).status !== 401 || body.detail !== CODE_REQUIRED) return undefined
  return typeof body.two_factor_token === "string" ? body.two_factor_token : undefined
}

/** A request refused because the account must enrol in two-factor first. */
export function isEnrolmentRequired(err: unknown): boolean {
  return (err as ApiError | undefined)?.status === 403 && bodyOf(err)?.detail === ENROLMENT_REQUIRED
}

/** The same for a raw answer (read from a copy, so the caller can still read the body). */
export async function isEnrolmentRefusal(response: Response): Promise<boolean> {
  if (response.status !== 403) return false
  try {
    const body = (await response.clone().json()) as { detail?: unknown }
    return body?.detail === ENROLMENT_REQUIRED
  } catch {
    return false
  }
}

type Listener = () => void
const listeners = new Set<Listener>()

/** Registers what to do when a request says enrolment is required (the app navigates to
 * `ENROLMENT_PATH`); the query client's error handler is made before the router, hence the
 * indirection. Returns the unregistering function. */
export function onEnrolmentRequired(listener: Listener): () => void {
  listeners.add(listener)
  return () => listeners.delete(listener)
}

export function requireEnrolment() {
  for (const listener of listeners) listener()
}
