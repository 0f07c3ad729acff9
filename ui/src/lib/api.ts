import { client } from "@/client/client.gen"
import { ApiError } from "./api-error"
import { forgetLegacyToken, freshAccessToken, sessionFetch } from "./session"
import { isEnrolmentRequired, twoFactorToken } from "./two-factor"

export { ApiError }

export function apiBaseUrl(): string {
  const fromEnv = import.meta.env.VITE_API_URL as string | undefined
  return fromEnv && fromEnv.length > 0 ? fromEnv : window.location.origin
}

let configured = false

/** Configures the generated client: base URL, the session's bearer token for secured
 * operations (renewed and retried once on a 403 by `sessionFetch`), typed errors. */
export function configureClient() {
  if (configured) return
  configured = true
  forgetLegacyToken()
  client.setConfig({
    baseUrl: apiBaseUrl(),
    throwOnError: true,
    auth: freshAccessToken,
    fetch: sessionFetch,
  })
  client.interceptors.error.use((error, response) => {
    if (error instanceof ApiError) return error
    if (!response) {
      return new ApiError("Network Error", undefined, error)
    }
    return new ApiError(
      `Request failed with status code ${response.status}`,
      response.status,
      error,
    )
  })
}

/** The error-toast text of ui.md 1.3. */
export function errorMessage(err: unknown): string {
  if (err instanceof ApiError) {
    const body = err.body
    if (body && typeof body === "object" && "detail" in body) {
      const detail = (body as { detail: unknown }).detail
      if (Array.isArray(detail) && detail.length > 0) {
        const first = detail[0] as { msg?: unknown }
        if (typeof first?.msg === "string") return first.msg
      }
      if (typeof detail === "string") return detail
    }
    return err.message
  }
  return "Something went wrong."
}

/** The string `detail` of an API error answer (`{"detail": "Invalid token"}`), if any. */
export function errorDetail(err: unknown): string | undefined {
  if (!(err instanceof ApiError)) return undefined
  const body = err.body
  if (body && typeof body === "object" && "detail" in body) {
    const detail = (body as { detail: unknown }).detail
    if (typeof detail === "string") return detail
  }
  return undefined
}

/** A login refused because the account's email is not verified (`EMAIL_VERIFICATION=required`;
 * the server has then sent a new link). */
export function isEmailNotVerified(err: unknown): boolean {
  return err instanceof ApiError && err.status === 400 && errorDetail(err) === "Email not verified"
}

/** A refusal that ends the session (the global 401/403 rule). Two of them do not: the login's
 * "code required" (the form asks for the code) and a superuser's "enrolment required" (the app
 * sends them to enrol, still logged in). */
export function isAuthError(err: unknown): boolean {
  if (!(err instanceof ApiError) || (err.status !== 401 && err.status !== 403)) return false
  return twoFactorToken(err) === undefined && !isEnrolmentRequired(err)
}
