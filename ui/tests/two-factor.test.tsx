import { screen, waitFor, within } from "@testing-library/react"
import userEvent from "@testing-library/user-event"
import { afterEach, describe, expect, it, vi } from "vitest"
import { startSession } from "@/lib/session"
import { renderApp } from "./render"
import { API, HttpResponse, http, server, verifiedSecurity } from "./server"

const enabledSecurity = { ...verifiedSecurity, two_factor_enabled: true }
const secret = "JBSWY3DPEHPK3PXPJBSWY3DP"
const otpauth = `otpauth://totp/Acme:admin@example.com?secret=${secret}&issuer=Acme`
const recoveryCodes = Array.from({ length: 10 }, (_, i) => `code${i}-abcde`)

/** `/users/me/security` answering `two_factor_enabled: on` as the test changes it. */
function securityState(initiallyOn: boolean) {
  const state = { on: initiallyOn }
  server.use(
    http.get(`${API}/api/v1/users/me/security`, () =>
      HttpResponse.json(state.on ? enabledSecurity : verifiedSecurity),
    ),
  )
  return state
}

async function openTab(initiallyOn: boolean) {
  startSession("tok")
  const state = securityState(initiallyOn)
  const user = userEvent.setup()
  renderApp("/settings")
  await user.click(await screen.findByRole("tab", { name: "Two-factor" }))
  await screen.findByTestId("two-factor-status")
  return { user, state }
}

/** Enrolment answered by the mocked server; the confirmation turns two-factor on. */
function enrolmentServer(state: { on: boolean }) {
  const confirmed: unknown[] = []
  let starts = 0
  server.use(
    http.post(`${API}/api/v1/users/me/two-factor/totp`, ({ request }) => {
      expect(request.headers.get("authorization")).toBe("Bearer tok")
      starts++
      return HttpResponse.json({ secret, otpauth_uri: otpauth })
    }),
    http.post(`${API}/api/v1/users/me/two-factor/totp/confirm`, async ({ request }) => {
      const body = (await request.json()) as { code: string }
      confirmed.push(body)
      if (body.code !== "123456") {
        return HttpResponse.json({ detail: "Invalid two-factor code" }, { status: 400 })
      }
      state.on = true
      return HttpResponse.json({ recovery_codes: recoveryCodes })
    }),
  )
  return { confirmed, starts: () => starts }
}

async function enrol(user: ReturnType<typeof userEvent.setup>) {
  await user.click(screen.getByRole("button", { name: "Enable" }))
  await user.type(await screen.findByLabelText("Authentication code"), "123456")
  await user.click(screen.getByRole("button", { name: "Confirm" }))
  return screen.findByRole("list", { name: "Recovery codes" })
}

afterEach(() => vi.restoreAllMocks())

describe("Settings > Two-factor", () => {
  it("shows Off and Enable for an account without two-factor", async () => {
    await openTab(false)
    expect(screen.getByTestId("two-factor-status")).toHaveTextContent("Off")
    expect(screen.getByRole("button", { name: "Enable" })).toBeInTheDocument()
    expect(screen.queryByRole("button", { name: "Disable" })).not.toBeInTheDocument()
  })

  it("shows On, Regenerate recovery codes and Disable for an account with two-factor", async () => {
    await openTab(true)
    expect(screen.getByTestId("two-factor-status")).toHaveTextContent("On")
    expect(screen.getByRole("button", { name: "Disable" })).toBeInTheDocument()
    expect(screen.getByRole("button", { name: "Regenerate recovery codes" })).toBeInTheDocument()
    expect(screen.queryByRole("button", { name: "Enable" })).not.toBeInTheDocument()
  })

  it("enrols: QR code and secret, a wrong then a right code, the recovery codes once", async () => {
    const { user, state } = await openTab(false)
    const enrolment = enrolmentServer(state)
    await user.click(screen.getByRole("button", { name: "Enable" }))
    const qr = await screen.findByRole("img", { name: "QR code for your authenticator app" })
    expect(qr.tagName.toLowerCase()).toBe("svg")
    expect(screen.getByTestId("totp-secret")).toHaveTextContent("JBSW Y3DP EHPK 3PXP JBSW Y3DP")
    expect(enrolment.starts()).toBe(1)

    const input = screen.getByLabelText("Authentication code")
    await user.type(input, "12")
    await user.click(screen.getByRole("button", { name: "Confirm" }))
    expect(await screen.findByText("Enter the 6-digit code from your app")).toBeInTheDocument()
    expect(enrolment.confirmed).toEqual([])

    await user.clear(input)
    await user.type(input, "654 321")
    await user.click(screen.getByRole("button", { name: "Confirm" }))
    expect(await screen.findByRole("alert")).toHaveTextContent("Invalid two-factor code")
    await user.clear(input)
    await user.type(input, "123456")
    await user.click(screen.getByRole("button", { name: "Confirm" }))
    const list = await screen.findByRole("list", { name: "Recovery codes" })
    expect(
      within(list)
        .getAllByRole("listitem")
        .map((li) => li.textContent),
    ).toEqual(recoveryCodes)
    // the spaces of `654 321` are not sent
    expect(enrolment.confirmed).toEqual([{ code: "654321" }, { code: "123456" }])
    // the codes stay until the user is done, although the state reads "on" meanwhile
    await waitFor(() => expect(screen.getByTestId("two-factor-status")).toHaveTextContent("On"))
    expect(screen.getByRole("list", { name: "Recovery codes" })).toBeInTheDocument()
    await user.click(screen.getByRole("button", { name: "Done" }))
    expect(screen.queryByRole("list", { name: "Recovery codes" })).not.toBeInTheDocument()
    expect(screen.getByRole("button", { name: "Disable" })).toBeInTheDocument()
  })

  it("cancelling an enrolment goes back to Enable", async () => {
    const { user, state } = await openTab(false)
    enrolmentServer(state)
    await user.click(screen.getByRole("button", { name: "Enable" }))
    await screen.findByTestId("totp-secret")
    await user.click(screen.getByRole("button", { name: "Cancel" }))
    expect(screen.getByRole("button", { name: "Enable" })).toBeInTheDocument()
    expect(screen.queryByTestId("totp-secret")).not.toBeInTheDocument()
  })

  it("copies the recovery codes and downloads them as a .txt file", async () => {
    const { user, state } = await openTab(false)
    enrolmentServer(state)
    await enrol(user)
    await user.click(screen.getByRole("button", { name: "Copy" }))
    expect(await screen.findByText("Recovery codes copied")).toBeInTheDocument()
    expect(await navigator.clipboard.readText()).toBe(recoveryCodes.join("\n"))

    const blobs: Blob[] = []
    const createObjectURL = vi.fn((blob: Blob) => {
      blobs.push(blob)
      return "blob:codes"
    })
    Object.assign(URL, { createObjectURL, revokeObjectURL: vi.fn() })
    const clicked: { href: string; download: string }[] = []
    vi.spyOn(HTMLAnchorElement.prototype, "click").mockImplementation(function (
      this: HTMLAnchorElement,
    ) {
      clicked.push({ href: this.href, download: this.download })
    })
    await user.click(screen.getByRole("button", { name: "Download" }))
    expect(clicked).toEqual([{ href: "blob:codes", download: "acme-stack-recovery-codes.txt" }])
    const text = await blobs[0].text()
    expect(text.startsWith("Acme Stack recovery codes\n")).toBe(true)
    expect(text).toContain(`\n\n${recoveryCodes.join("\n")}\n`)
    expect(blobs[0].type).toBe("text/plain;charset=utf-8")
  })

  it("disables with the password, after a confirmation", async () => {
    const { user, state } = await openTab(true)
    const sent: unknown[] = []
    server.use(
      http.delete(`${API}/api/v1/users/me/two-factor`, async ({ request }) => {
        const body = (await request.json()) as { password: string }
        sent.push(body)
        if (body.password !== "right-password") {
          return HttpResponse.json({ detail: "Incorrect password" }, { status: 400 })
        }
        state.on = false
        return HttpResponse.json({ message: "Two-factor authentication disabled" })
      }),
    )
    await user.click(screen.getByRole("button", { name: "Disable" }))
    const dialog = await screen.findByRole("dialog", { name: "Disable Two-Factor Authentication" })
    const disable = within(dialog).getByRole("button", { name: "Disable" })
    await user.click(disable)
    expect(await within(dialog).findByText("Password is required")).toBeInTheDocument()
    const password = within(dialog).getByLabelText("Password")
    await user.type(password, "wrong-password")
    await user.click(disable)
    expect(await within(dialog).findByRole("alert")).toHaveTextContent("Incorrect password")
    await user.clear(password)
    await user.type(password, "right-password")
    await user.click(disable)
    expect(await screen.findByText("Two-factor authentication disabled")).toBeInTheDocument()
    expect(sent).toEqual([{ password: "wrong-password" }, { password: "right-password" }])
    await waitFor(() => expect(screen.queryByRole("dialog")).not.toBeInTheDocument())
    await waitFor(() => expect(screen.getByTestId("two-factor-status")).toHaveTextContent("Off"))
    expect(screen.getByRole("button", { name: "Enable" })).toBeInTheDocument()
  })

  it("regenerates the recovery codes after a current code", async () => {
    const { user } = await openTab(true)
    const fresh = recoveryCodes.map((c) => c.replace("abcde", "fresh"))
    const sent: unknown[] = []
    server.use(
      http.post(`${API}/api/v1/users/me/two-factor/recovery-codes`, async ({ request }) => {
        const body = (await request.json()) as { code: string }
        sent.push(body)
        return body.code === "111111"
          ? HttpResponse.json({ recovery_codes: fresh })
          : HttpResponse.json({ detail: "Invalid two-factor code" }, { status: 400 })
      }),
    )
    await user.click(screen.getByRole("button", { name: "Regenerate recovery codes" }))
    const dialog = await screen.findByRole("dialog", { name: "Regenerate Recovery Codes" })
    const code = within(dialog).getByLabelText("Code")
    await user.type(code, "000000")
    await user.click(within(dialog).getByRole("button", { name: "Regenerate" }))
    expect(await within(dialog).findByRole("alert")).toHaveTextContent("Invalid two-factor code")
    await user.clear(code)
    await user.type(code, "111111")
    await user.click(within(dialog).getByRole("button", { name: "Regenerate" }))
    const list = await screen.findByRole("list", { name: "Recovery codes" })
    expect(
      within(list)
        .getAllByRole("listitem")
        .map((li) => li.textContent),
    ).toEqual(fresh)
    expect(sent).toEqual([{ code: "000000" }, { code: "111111" }])
    expect(screen.queryByRole("dialog")).not.toBeInTheDocument()
  })
})
