import { client } from "@/client/client.gen"

export const TOKEN_KEY = "access_token"

/** An error from the API client: `status` is undefined for network errors (no response). */
export class ApiError extends Error {
  readonly status: number | undefined
  readonly body: unknown

  constructor(message: string, status: number | undefined, body: unknown) {
    super(message)
    this.name = "ApiError"
    this.status = status
    this.body = body
  }
}

export function apiBaseUrl(): string {
  const fromEnv = import.meta.env.VITE_API_URL as string | undefined
  return fromEnv && fromEnv.length > 0 ? fromEnv : window.location.origin
}

export function getToken(): string | null {
  return localStorage.getItem(TOKEN_KEY)
}

let configured = false

/** Configures the generated client: base URL, bearer token for secured operations, typed errors. */
export function configureClient() {
  if (configured) return
  configured = true
  client.setConfig({
    baseUrl: apiBaseUrl(),
    throwOnError: true,
    auth: () => getToken() || undefined,
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

export function isAuthError(err: unknown): boolean {
  return err instanceof ApiError && (err.status === 401 || err.status === 403)
}
