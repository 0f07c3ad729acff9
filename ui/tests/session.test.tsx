import { screen } from "@testing-library/react"
import { afterEach, describe, expect, it, vi } from "vitest"
import { itemsReadItems, usersReadUserMe } from "@/client/sdk.gen"
import { ApiError } from "@/lib/api"
import {
  accessToken,
  ensureSession,
  isLoggedIn,
  LEGACY_TOKEN_KEY,
  renewalDelay,
  sessionFetch,
  startSession,
  tokenExpiry,
} from "@/lib/session"
import { renderApp } from "./render"
import { API, HttpResponse, http, server, superuser } from "./server"

/** An unsigned JWT whose payload carries `exp` (seconds); the app only reads the payload. */
function jwt(expSeconds: number, id = "x"): string {
  const b64 = (v: object) =>
    btoa(JSON.stringify(v)).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "")
  return `${b64({ alg: "HS256", typ: "JWT" })}.${b64({ sub: id, exp: expSeconds })}.sig`
}

const nowSeconds = () => Math.floor(Date.now() / 1000)

/** `/users/me` that accepts only `Bearer <valid>`, counting the requests. */
function meAccepting(valid: () => string) {
  const seen: (string | null)[] = []
  server.use(
    http.get(`${API}/api/v1/users/me`, ({ request }) => {
      const auth = request.headers.get("authorization")
      seen.push(auth)
      return auth === `Bearer ${valid()}`
        ? HttpResponse.json(superuser)
        : HttpResponse.json({ detail: "Could not validate credentials" }, { status: 403 })
    }),
  )
  return seen
}

/** `/login/refresh` answering `next()` after a short delay, recording each call's headers. */
function refreshAnswering(next: () => string | null) {
  const calls: { csrf: string | null }[] = []
  server.use(
    http.post(`${API}/api/v1/login/refresh`, async ({ request }) => {
      calls.push({ csrf: request.headers.get("x-requested-with") })
      await new Promise((r) => setTimeout(r, 20))
      const token = next()
      return token === null
        ? HttpResponse.json({ detail: "Invalid refresh token" }, { status: 401 })
        : HttpResponse.json({ access_token: token, token_type: "bearer" })
    }),
  )
  return calls
}

describe("token", () => {
  it("reads exp from the JWT payload and renews a minute early, at most half-way", () => {
    expect(tokenExpiry(jwt(1_900_000_000))).toBe(1_900_000_000_000)
    expect(tokenExpiry("not-a-jwt")).toBeNull()
    expect(tokenExpiry("a.!!!.c")).toBeNull()
    const now = 1_000_000
    expect(renewalDelay(now + 15 * 60_000, now)).toBe(14 * 60_000)
    expect(renewalDelay(now + 60_000, now)).toBe(30_000)
    expect(renewalDelay(now - 1, now)).toBe(0)
  })

  it("is renewed by its timer shortly before it expires", async () => {
    const renewed = jwt(nowSeconds() + 900, "renewed")
    const calls = refreshAnswering(() => renewed)
    startSession(jwt(nowSeconds() + 2))
    await vi.waitFor(() => expect(accessToken()).toBe(renewed), { timeout: 3000 })
    expect(calls).toEqual([{ csrf: "hexstack" }])
  })

  it("is renewed before it is sent when it already expired (a late timer)", async () => {
    const renewed = jwt(nowSeconds() + 900, "renewed")
    refreshAnswering(() => renewed)
    const seen = meAccepting(() => renewed)
    startSession(jwt(nowSeconds() - 10))
    await usersReadUserMe({ throwOnError: true })
    expect(seen).toEqual([`Bearer ${renewed}`])
  })
})

describe("403 from the API", () => {
  it("renews the token once for concurrent failures and retries each request", async () => {
    const calls = refreshAnswering(() => "new")
    const seen = meAccepting(() => "new")
    startSession("old")
    const results = await Promise.all([1, 2, 3].map(() => usersReadUserMe({ throwOnError: true })))
    expect(results.map((r) => r.data.email)).toEqual(Array(3).fill(superuser.email))
    expect(calls).toHaveLength(1)
    expect(seen.filter((a) => a === "Bearer old")).toHaveLength(3)
    expect(seen.filter((a) => a === "Bearer new")).toHaveLength(3)
    expect(accessToken()).toBe("new")
  })

  it("uses a token another request already renewed instead of renewing again", async () => {
    let current = "old"
    const calls = refreshAnswering(() => {
      current = "new"
      return current
    })
    const seen = meAccepting(() => current)
    startSession("old")
    await usersReadUserMe({ throwOnError: true })
    // a request that left with the old token comes back after the renewal
    current = "new"
    const late = new Request(`${API}/api/v1/users/me`, { headers: { Authorization: "Bearer old" } })
    const answer = await sessionFetch(late)
    expect(answer.status).toBe(200)
    expect(calls).toHaveLength(1)
    expect(seen.slice(-2)).toEqual(["Bearer old", "Bearer new"])
  })

  it("retries only once: a refusal that stands with a fresh token reaches the caller", async () => {
    const calls = refreshAnswering(() => "fresh")
    const seen: (string | null)[] = []
    server.use(
      http.get(`${API}/api/v1/items/`, ({ request }) => {
        seen.push(request.headers.get("authorization"))
        return HttpResponse.json({ detail: "Not enough permissions" }, { status: 403 })
      }),
    )
    startSession("old")
    const error = await itemsReadItems({ throwOnError: true }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ApiError)
    expect((error as ApiError).status).toBe(403)
    expect(seen).toEqual(["Bearer old", "Bearer fresh"])
    expect(calls).toHaveLength(1)
    expect(isLoggedIn()).toBe(true)
  })

  it("ends the session when the renewal answers 401, and does not ask again", async () => {
    const calls = refreshAnswering(() => null)
    const seen = meAccepting(() => "never")
    startSession("old")
    const error = await usersReadUserMe({ throwOnError: true }).catch((e: unknown) => e)
    expect((error as ApiError).status).toBe(403)
    expect(isLoggedIn()).toBe(false)
    expect(await ensureSession()).toBe(false)
    expect(calls).toHaveLength(1)
    expect(seen).toEqual(["Bearer old"])
  })
})

describe("in the app", () => {
  const original = window.location
  afterEach(() => {
    Object.defineProperty(window, "location", { value: original, configurable: true })
  })

  it("logs out to /login when the renewal after a 403 answers 401", async () => {
    const fake = { href: "http://localhost:3000/settings" }
    let logouts = 0
    refreshAnswering(() => null)
    meAccepting(() => "never")
    server.use(
      http.post(`${API}/api/v1/logout`, () => {
        logouts++
        return HttpResponse.json({ message: "Logged out" })
      }),
    )
    startSession("revoked")
    renderApp("/settings")
    Object.defineProperty(window, "location", { value: fake, configurable: true })
    await vi.waitFor(() => expect(fake.href).toBe("/login"))
    expect(isLoggedIn()).toBe(false)
    // the session was over already: nothing to end on the server
    expect(logouts).toBe(0)
  })

  it("restores the session from the refresh cookie on a page load, without showing /login", async () => {
    const calls = refreshAnswering(() => "restored")
    meAccepting(() => "restored")
    const { router } = renderApp("/")
    expect(await screen.findByText(`Hi, ${superuser.full_name} 👋`)).toBeInTheDocument()
    expect(router.state.location.pathname).toBe("/")
    expect(calls).toEqual([{ csrf: "hexstack" }])
    expect(screen.queryByText("Login to your account")).not.toBeInTheDocument()
  })

  it("sends a visitor without a session to /login after one refresh attempt", async () => {
    const calls = refreshAnswering(() => null)
    const { router } = renderApp("/items")
    expect(await screen.findByText("Login to your account")).toBeInTheDocument()
    expect(router.state.location.pathname).toBe("/login")
    expect(calls).toHaveLength(1)
  })

  it("deletes a token an earlier version left in localStorage and never sends it", async () => {
    // a fresh page: new modules, so that configureClient runs again
    vi.resetModules()
    localStorage.setItem(LEGACY_TOKEN_KEY, "legacy")
    const seen = meAccepting(() => "legacy")
    const { configureClient } = await import("@/lib/api")
    const sdk = await import("@/client/sdk.gen")
    configureClient()
    expect(localStorage.getItem(LEGACY_TOKEN_KEY)).toBeNull()
    const error = await sdk.usersReadUserMe({ throwOnError: true }).catch((e: unknown) => e)
    expect((error as { status?: number }).status).toBe(403)
    expect(seen).toEqual([null])
  })
})
