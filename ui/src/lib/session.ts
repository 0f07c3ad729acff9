/**
 * The login session of this page: the access token, kept in memory only, and its renewal.
 *
 * `POST /login/session` answers a short-lived access token and sets an HttpOnly refresh cookie
 * (path `/api/v1/login`) that scripts cannot read. Nothing token-like is written to
 * localStorage or sessionStorage, so a script injected into the page finds no credential that
 * outlives the page. The token is renewed through `POST /login/refresh`:
 *
 * * shortly before it expires (a timer set from the JWT's `exp`), and before a request when the
 *   timer ran late (a sleeping tab);
 * * once when a request answers 403 (the token was refused), after which the request is sent
 *   again once with the new token;
 * * on the first route of a page load, to restore the session after a reload before deciding
 *   that nobody is logged in.
 *
 * One refresh runs at a time in this page (every caller awaits the same promise) and, where the
 * Web Locks API exists (secure contexts), across the tabs of the origin: the cookie is
 * single-use (the server revokes the whole session when a rotated one comes back), so two tabs
 * must not present the same cookie. A tab that waited for the lock sends the cookie the other
 * tab received.
 *
 * A refresh answered 401 means the session is over (logged out, expired, revoked elsewhere):
 * the state becomes "ended" and is not asked again until the next login in this page.
 */
import { loginLogout, loginRefreshSession } from "@/client/sdk.gen"
import { ApiError } from "./api-error"
import { isEnrolmentRefusal } from "./two-factor"

/** The CSRF guard the refresh endpoint requires (a cross-site form cannot set it). */
export const REFRESH_HEADERS = { "X-Requested-With": "hexstack" }

/** Where earlier versions of the app kept the token; deleted on start (never read). */
export const LEGACY_TOKEN_KEY = "access_token"

/** Renew this long before expiry (at most half the token's lifetime). */
const RENEW_BEFORE_MS = 60_000
/** A token this close to its expiry is renewed before it is sent. */
const SEND_LEEWAY_MS = 5_000
const REFRESH_LOCK = "hexstack-session-refresh"

type Status = "unknown" | "active" | "ended"

let status: Status = "unknown"
let token: string | null = null
let expiresAt: number | null = null
let timer: ReturnType<typeof setTimeout> | undefined
let refreshing: Promise<string | null> | null = null
let ending: Promise<void> | null = null

/** The access token of this page, if a session is active. */
export function accessToken(): string | null {
  return token
}

export function isLoggedIn(): boolean {
  return token !== null
}

/** The `exp` claim of a JWT in epoch milliseconds; null when the token carries none. */
export function tokenExpiry(jwt: string): number | null {
  const payload = jwt.split(".")[1]
  if (!payload) return null
  try {
    const json = atob(payload.replace(/-/g, "+").replace(/_/g, "/"))
    const exp = (JSON.parse(json) as { exp?: unknown }).exp
    return typeof exp === "number" ? exp * 1000 : null
  } catch {
    return null
  }
}

/** How long to wait before renewing a token that expires at `expiresAt`. */
export function renewalDelay(expiresAtMs: number, nowMs: number): number {
  const lifetime = expiresAtMs - nowMs
  return Math.max(0, lifetime - Math.min(RENEW_BEFORE_MS, lifetime / 2))
}

/** Starts (or continues) the session with a token from a login or a refresh. */
export function startSession(accessTokenValue: string) {
  status = "active"
  token = accessTokenValue
  expiresAt = tokenExpiry(accessTokenValue)
  clearTimeout(timer)
  if (expiresAt !== null) {
    timer = setTimeout(renewOnTimer, renewalDelay(expiresAt, Date.now()))
  }
}

/** Forgets the session locally: no token, and no refresh attempt until the next login. */
export function clearSession() {
  status = "ended"
  token = null
  expiresAt = null
  clearTimeout(timer)
}

/** Back to the state of a fresh page load (the unit tests render many apps in one page). */
export function resetSessionState() {
  clearSession()
  status = "unknown"
  refreshing = null
  ending = null
}

/** Deletes a token left in localStorage by an earlier version of the app. */
export function forgetLegacyToken() {
  try {
    localStorage.removeItem(LEGACY_TOKEN_KEY)
  } catch {
    // storage may be unavailable (privacy modes); there is then nothing to forget
  }
}

async function withRefreshLock(fn: () => Promise<string | null>): Promise<string | null> {
  const locks = typeof navigator === "undefined" ? undefined : navigator.locks
  // the lock is held until fn's promise settles
  return locks ? await locks.request(REFRESH_LOCK, fn) : fn()
}

async function requestRefresh(): Promise<string | null> {
  try {
    const { data } = await loginRefreshSession({
      credentials: "include",
      headers: REFRESH_HEADERS,
      throwOnError: true,
    })
    startSession(data.access_token)
    return data.access_token
  } catch (err) {
    // an answer (401 Invalid refresh token, 403) ends the session; a network error does not
    if (err instanceof ApiError && err.status !== undefined) clearSession()
    return null
  }
}

/** A new access token from the refresh cookie, or null; concurrent callers share one request. */
export function refreshSession(): Promise<string | null> {
  refreshing ??= withRefreshLock(requestRefresh).finally(() => {
    refreshing = null
  })
  return refreshing
}

/** Whether a session is active, restoring it from the refresh cookie when the page has none
 * yet (after a reload). Route guards await it, so nothing renders before it is known. */
export async function ensureSession(): Promise<boolean> {
  if (token !== null) return true
  if (status === "ended") return false
  return (await refreshSession()) !== null
}

/** The token to send, renewed first when it is (about to be) expired. */
export async function freshAccessToken(): Promise<string | undefined> {
  if (token !== null && expiresAt !== null && Date.now() >= expiresAt - SEND_LEEWAY_MS) {
    await refreshSession()
  }
  return token ?? undefined
}

function bearerOf(request: Request): string | null {
  const header = request.headers.get("Authorization")
  return header?.startsWith("Bearer ") ? header.slice("Bearer ".length) : null
}

/**
 * The API client's fetch: a request sent with a bearer token that answers 403 is sent once more
 * with a renewed token (or with the token another request renewed meanwhile). When no token can
 * be had, the 403 goes back to the caller and the global 401/403 rule logs out. A 403 saying
 * that two-factor enrolment is required goes back at once (`lib/two-factor.ts`).
 */
export async function sessionFetch(
  input: RequestInfo | URL,
  init?: RequestInit,
): Promise<Response> {
  // the generated client always passes one Request
  const request = input instanceof Request && init === undefined ? input : new Request(input, init)
  const sent = bearerOf(request)
  if (sent === null) return globalThis.fetch(request)
  const retry = request.clone()
  const response = await globalThis.fetch(request)
  // a superuser who must enrol in two-factor first: a new token would be refused all the same
  if (response.status !== 403 || (await isEnrolmentRefusal(response))) return response
  const renewed = token !== null && token !== sent ? token : await refreshSession()
  if (renewed === null) return response
  retry.headers.set("Authorization", `Bearer ${renewed}`)
  return globalThis.fetch(retry)
}

/** Ends the session on the server (`POST /logout`, best effort: local state is cleared even
 * when it fails, e.g. when the session was already revoked) and forgets it here. */
export async function logOut(): Promise<void> {
  if (token !== null) {
    try {
      await loginLogout({ credentials: "include", throwOnError: true })
    } catch {
      // the session may be gone already; locally it ends all the same
    }
  }
  clearSession()
}

/** Logs out and does a full page load of /login (the global 401/403 rule, and a renewal that
 * found the session ended). Concurrent failures end the session once. */
export function endSessionAndReload(): Promise<void> {
  ending ??= logOut().then(() => {
    window.location.href = "/login"
  })
  return ending
}

function renewOnTimer() {
  void refreshSession().then((renewed) => {
    if (renewed === null && status === "ended") void endSessionAndReload()
  })
}
