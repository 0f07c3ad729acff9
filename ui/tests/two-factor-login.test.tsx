import { screen, waitFor, within } from "@testing-library/react"
import userEvent from "@testing-library/user-event"
import { describe, expect, it, vi } from "vitest"
import { handleApiError } from "@/app"
import { ApiError, isAuthError } from "@/lib/api"
import { accessToken, isLoggedIn, startSession } from "@/lib/session"
import { renderApp } from "./render"
import { API, HttpResponse, http, server, superuser, verifiedSecurity } from "./server"

const codeRequired = { detail: "Two-factor code required", two_factor_token: "tf-token" }
const enrolmentRequired = { detail: "Two-factor enrolment required" }

/** A password answered "code required", then `POST /login/two-factor` as `answer` says; the
 * app's `/logout` calls are counted (there must be none). */
function twoFactorLogin(answer: (code: string) => Response) {
  const sent: unknown[] = []
  let logouts = 0
  server.use(
    http.post(`${API}/api/v1/login/session`, () =>
      HttpResponse.json(codeRequired, { status: 401 }),
    ),
    http.post(`${API}/api/v1/login/two-factor`, async ({ request }) => {
      const body = (await request.json()) as { code: string }
      sent.push(body)
      return answer(body.code)
    }),
    http.post(`${API}/api/v1/logout`, () => {
      logouts++
      return HttpResponse.json({ message: "Logged out" })
    }),
    http.get(`${API}/api/v1/users/me`, ({ request }) => {
      expect(request.headers.get("authorization")).toBe("Bearer tok2fa")
      return HttpResponse.json(superuser)
    }),
  )
  return { sent, logouts: () => logouts }
}

const loggedIn = () => HttpResponse.json({ access_token: "tok2fa", token_type: "bearer" })

async function passwordStep() {
  const user = userEvent.setup()
  const app = renderApp("/login")
  await user.type(await screen.findByTestId("email-input"), "admin@example.com")
  await user.type(screen.getByTestId("password-input"), "changethis")
  await user.click(screen.getByRole("button", { name: "Log In" }))
  await screen.findByRole("heading", { name: "Two-factor authentication" })
  return { user, ...app }
}

describe("login with two-factor", () => {
  it("asks for the app's code after the password, then logs in as usual", async () => {
    const login = twoFactorLogin((code) =>
      code === "123456" ? loggedIn() : HttpResponse.json({}, { status: 500 }),
    )
    const { user, router } = await passwordStep()
    // the 401 is no failed session and no error toast
    expect(screen.queryByText("Something went wrong!")).not.toBeInTheDocument()
    await user.type(screen.getByLabelText("Authentication code"), "123456")
    await user.click(screen.getByRole("button", { name: "Verify" }))
    expect(await screen.findByText(/Welcome back/)).toBeInTheDocument()
    expect(router.state.location.pathname).toBe("/")
    expect(accessToken()).toBe("tok2fa")
    expect(login.sent).toEqual([{ two_factor_token: "tf-token", code: "123456" }])
    expect(login.logouts()).toBe(0)
  })

  it("takes a recovery code instead", async () => {
    const login = twoFactorLogin(() => loggedIn())
    const { user } = await passwordStep()
    await user.click(screen.getByRole("button", { name: "Use a recovery code" }))
    expect(screen.queryByLabelText("Authentication code")).not.toBeInTheDocument()
    await user.click(screen.getByRole("button", { name: "Verify" }))
    expect(await screen.findByText("Recovery code is required")).toBeInTheDocument()
    await user.type(screen.getByLabelText("Recovery code"), "abcde-fghij")
    await user.click(screen.getByRole("button", { name: "Verify" }))
    expect(await screen.findByText(/Welcome back/)).toBeInTheDocument()
    expect(login.sent).toEqual([{ two_factor_token: "tf-token", code: "abcde-fghij" }])
  })

  it("shows a wrong code's and a rate limit's detail under the field", async () => {
    let calls = 0
    twoFactorLogin(() =>
      ++calls === 1
        ? HttpResponse.json({ detail: "Invalid two-factor code" }, { status: 400 })
        : HttpResponse.json(
            { detail: "Too many attempts, try again in 30 seconds" },
            { status: 429 },
          ),
    )
    const { user, router } = await passwordStep()
    const input = screen.getByLabelText("Authentication code")
    await user.type(input, "000000")
    await user.click(screen.getByRole("button", { name: "Verify" }))
    expect(await screen.findByRole("alert")).toHaveTextContent("Invalid two-factor code")
    await user.click(screen.getByRole("button", { name: "Verify" }))
    expect(
      await screen.findByText("Too many attempts, try again in 30 seconds"),
    ).toBeInTheDocument()
    expect(router.state.location.pathname).toBe("/login")
    expect(isLoggedIn()).toBe(false)
  })

  it("goes back to the password when the step expired", async () => {
    twoFactorLogin(() => HttpResponse.json({ detail: "Invalid token" }, { status: 400 }))
    const { user } = await passwordStep()
    await user.type(screen.getByLabelText("Authentication code"), "123456")
    await user.click(screen.getByRole("button", { name: "Verify" }))
    expect(await screen.findByTestId("two-factor-expired")).toHaveTextContent(
      "The two-factor step expired. Log in again with your password.",
    )
    // the email typed is kept for the second try
    expect(screen.getByTestId("email-input")).toHaveValue("admin@example.com")
    expect(screen.queryByLabelText("Authentication code")).not.toBeInTheDocument()
  })
})

describe("a superuser who must enrol first", () => {
  it("keeps the usual logout for every other 401 and 403", () => {
    const error = (status: number, body: unknown) => new ApiError("x", status, body)
    expect(isAuthError(error(401, codeRequired))).toBe(false)
    expect(isAuthError(error(403, enrolmentRequired))).toBe(false)
    expect(isAuthError(error(403, { detail: "Not enough permissions" }))).toBe(true)
    expect(isAuthError(error(401, { detail: "Two-factor code required" }))).toBe(true)
    expect(isAuthError(error(401, { detail: "Could not validate credentials" }))).toBe(true)
    startSession("tok")
    handleApiError(error(403, enrolmentRequired))
    expect(accessToken()).toBe("tok")
  })

  it("is sent to the enrolment page, still logged in, and then into the app", async () => {
    startSession("tok")
    let enrolled = false
    let refreshes = 0
    let logouts = 0
    server.use(
      http.get(`${API}/api/v1/users/me`, () =>
        enrolled
          ? HttpResponse.json(superuser)
          : HttpResponse.json(enrolmentRequired, { status: 403 }),
      ),
      http.get(`${API}/api/v1/users/me/security`, () =>
        HttpResponse.json({ ...verifiedSecurity, two_factor_enabled: enrolled }),
      ),
      http.post(`${API}/api/v1/login/refresh`, () => {
        refreshes++
        return HttpResponse.json({ detail: "Invalid refresh token" }, { status: 401 })
      }),
      http.post(`${API}/api/v1/logout`, () => {
        logouts++
        return HttpResponse.json({ message: "Logged out" })
      }),
      http.post(`${API}/api/v1/users/me/two-factor/totp`, () =>
        HttpResponse.json({ secret: "JBSWY3DPEHPK3PXP", otpauth_uri: "otpauth://totp/x?secret=y" }),
      ),
      http.post(`${API}/api/v1/users/me/two-factor/totp/confirm`, () => {
        enrolled = true
        return HttpResponse.json({ recovery_codes: ["aaaaa-bbbbb", "ccccc-ddddd"] })
      }),
    )
    const user = userEvent.setup()
    const { router } = renderApp("/")
    await vi.waitFor(() => expect(router.state.location.pathname).toBe("/two-factor-setup"))
    expect(
      await screen.findByRole("heading", { name: "Set up two-factor authentication" }),
    ).toBeInTheDocument()
    expect(document.title).toMatch(/^Two-Factor Setup - /)
    // no renewal for a refusal that a new token would get too, and no logout
    expect(refreshes).toBe(0)
    expect(logouts).toBe(0)
    expect(accessToken()).toBe("tok")

    await user.click(screen.getByRole("button", { name: "Set up two-factor" }))
    await user.type(await screen.findByLabelText("Authentication code"), "123456")
    await user.click(screen.getByRole("button", { name: "Confirm" }))
    const list = await screen.findByRole("list", { name: "Recovery codes" })
    expect(within(list).getAllByRole("listitem")).toHaveLength(2)
    await user.click(screen.getByRole("button", { name: "Continue to the app" }))
    expect(await screen.findByText(/Welcome back/)).toBeInTheDocument()
    expect(router.state.location.pathname).toBe("/")
  })
})

describe("admin: Reset two-factor", () => {
  it("is offered for a user with two-factor, asks for confirmation and toasts", async () => {
    startSession("tok")
    const bob = { ...superuser, email: "bob@example.com", is_superuser: false, id: "b0b" }
    const carol = { ...superuser, email: "carol@example.com", is_superuser: false, id: "ca201" }
    const on = new Set([bob.id])
    const reset: string[] = []
    let bobReads = 0
    server.use(
      http.get(`${API}/api/v1/users/`, () =>
        HttpResponse.json({ data: [bob, carol, superuser], count: 3 }),
      ),
      http.get(`${API}/api/v1/users/:id/security`, ({ params }) => {
        if (params.id === bob.id) bobReads++
        return HttpResponse.json({
          ...verifiedSecurity,
          two_factor_enabled: on.has(String(params.id)),
        })
      }),
      http.delete(`${API}/api/v1/users/:id/two-factor`, ({ params }) => {
        reset.push(String(params.id))
        on.delete(String(params.id))
        return HttpResponse.json({ message: "Two-factor authentication reset" })
      }),
    )
    const user = userEvent.setup()
    renderApp("/admin")
    const rowOf = async (email: string) =>
      (await screen.findByText(email)).closest("tr") as HTMLElement
    const menu = async (email: string) => {
      await user.click(within(await rowOf(email)).getByRole("button", { name: "Actions" }))
      return (await screen.findAllByRole("menuitem")).map((i) => i.textContent?.trim())
    }
    expect(await menu("carol@example.com")).not.toContain("Reset two-factor")
    await user.keyboard("{Escape}")
    await waitFor(() => expect(screen.queryByRole("menuitem")).not.toBeInTheDocument())
    expect(await menu("bob@example.com")).toEqual([
      "Edit User",
      "End all sessions",
      "Reset two-factor",
      "Delete User",
    ])
    await user.click(screen.getByRole("menuitem", { name: "Reset two-factor" }))
    const dialog = await screen.findByRole("dialog", { name: "Reset Two-Factor Authentication" })
    expect(within(dialog).getByText("bob@example.com")).toBeInTheDocument()
    await user.click(within(dialog).getByRole("button", { name: "Reset two-factor" }))
    expect(
      await screen.findByText("The user's two-factor authentication was reset"),
    ).toBeInTheDocument()
    expect(reset).toEqual([bob.id])
    await waitFor(() => expect(screen.queryByRole("dialog")).not.toBeInTheDocument())
    // off now: the row's menu (the same security query) no longer offers it
    await waitFor(() => expect(bobReads).toBe(2))
    expect(await menu("bob@example.com")).not.toContain("Reset two-factor")
  })
})
