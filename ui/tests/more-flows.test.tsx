import { act, render, screen, within } from "@testing-library/react"
import userEvent from "@testing-library/user-event"
import { afterEach, describe, expect, it, vi } from "vitest"
import { ThemeProvider, useTheme } from "@/components/theme-provider"
import { accessToken, startSession } from "@/lib/session"
import { renderApp } from "./render"
import { API, HttpResponse, http, server } from "./server"

describe("reset password", () => {
  it("sends the token from the link and goes to /login on success", async () => {
    let sent: unknown = null
    server.use(
      http.post(`${API}/api/v1/reset-password/`, async ({ request }) => {
        sent = await request.json()
        return HttpResponse.json({ message: "Password updated successfully" })
      }),
    )
    const user = userEvent.setup()
    const { router } = renderApp("/reset-password?token=abc.def.ghi")
    await user.type(await screen.findByTestId("new-password-input"), "newpassword1")
    await user.type(screen.getByTestId("confirm-password-input"), "newpassword1")
    await user.click(screen.getByRole("button", { name: "Reset Password" }))
    expect(await screen.findByText("Password updated successfully")).toBeInTheDocument()
    expect(sent).toEqual({ new_password: "newpassword1", token: "abc.def.ghi" })
    await vi.waitFor(() => expect(router.state.location.pathname).toBe("/login"))
  })

  it("shows Invalid token from the API and stays on the page", async () => {
    server.use(
      http.post(`${API}/api/v1/reset-password/`, () =>
        HttpResponse.json({ detail: "Invalid token" }, { status: 400 }),
      ),
    )
    const user = userEvent.setup()
    const { router } = renderApp("/reset-password?token=invalidtoken")
    await user.type(await screen.findByTestId("new-password-input"), "newpassword1")
    await user.type(screen.getByTestId("confirm-password-input"), "newpassword1")
    await user.click(screen.getByRole("button", { name: "Reset Password" }))
    expect(await screen.findByText("Invalid token")).toBeInTheDocument()
    expect(router.state.location.pathname).toBe("/reset-password")
  })
})

describe("items edit", () => {
  it("omits a null description that was left untouched", async () => {
    startSession("tok")
    const item = {
      title: "Old title",
      description: null,
      id: "2b8e6a44-6f0e-4a39-9d38-1c2b3a4d5e6f",
      owner_id: "6c0e1c8a-3a52-4f0e-9a55-0a7c6f0f7d11",
      created_at: null,
    }
    let sent: unknown = null
    server.use(
      http.get(`${API}/api/v1/items/`, () => HttpResponse.json({ data: [item], count: 1 })),
      http.put(`${API}/api/v1/items/:id`, async ({ request }) => {
        sent = await request.json()
        return HttpResponse.json({ ...item, title: "New title" })
      }),
    )
    const user = userEvent.setup()
    renderApp("/items")
    const row = (await screen.findByText("Old title")).closest("tr") as HTMLElement
    expect(within(row).getByText("No description")).toBeInTheDocument()
    await user.click(within(row).getByRole("button", { name: "Actions" }))
    await user.click(await screen.findByRole("menuitem", { name: "Edit Item" }))
    const dialog = await screen.findByRole("dialog")
    const title = within(dialog).getByLabelText(/Title/)
    expect(title).toHaveValue("Old title")
    await user.clear(title)
    await user.type(title, "New title")
    await user.click(within(dialog).getByRole("button", { name: "Save" }))
    expect(await screen.findByText("Item updated successfully")).toBeInTheDocument()
    expect(sent).toEqual({ title: "New title" })
  })
})

describe("danger zone", () => {
  it("deletes the account, drops the token and goes to /login", async () => {
    startSession("tok")
    server.use(
      http.delete(`${API}/api/v1/users/me`, () =>
        HttpResponse.json({ message: "User deleted successfully" }),
      ),
    )
    const user = userEvent.setup()
    const { router } = renderApp("/settings")
    await user.click(await screen.findByRole("tab", { name: "Danger zone" }))
    await user.click(screen.getByRole("button", { name: "Delete Account" }))
    const dialog = await screen.findByRole("dialog", { name: "Confirmation Required" })
    await user.click(within(dialog).getByRole("button", { name: "Delete" }))
    expect(
      await screen.findByText("Your account has been successfully deleted"),
    ).toBeInTheDocument()
    await vi.waitFor(() => expect(router.state.location.pathname).toBe("/login"))
    expect(accessToken()).toBeNull()
  })
})

describe("theme provider (ui.md 1.4)", () => {
  const original = window.matchMedia
  afterEach(() => {
    window.matchMedia = original
    document.documentElement.className = ""
  })

  function Probe() {
    const { theme, setTheme } = useTheme()
    return (
      <button type="button" onClick={() => setTheme("system")}>
        {theme}
      </button>
    )
  }

  it("starts dark, and system follows prefers-color-scheme live", async () => {
    let listener: (() => void) | null = null
    const mql = {
      matches: false,
      addEventListener: (_: string, fn: () => void) => {
        listener = fn
      },
      removeEventListener: () => undefined,
    }
    window.matchMedia = (() => mql) as unknown as typeof window.matchMedia
    const user = userEvent.setup()
    render(
      <ThemeProvider defaultTheme="dark">
        <Probe />
      </ThemeProvider>,
    )
    expect(document.documentElement.className).toBe("dark")
    await user.click(screen.getByRole("button", { name: "dark" }))
    expect(localStorage.getItem("vite-ui-theme")).toBe("system")
    expect(document.documentElement.className).toBe("light")
    mql.matches = true
    act(() => listener?.())
    expect(document.documentElement.className).toBe("dark")
  })
})
