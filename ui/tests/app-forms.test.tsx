import { screen, within } from "@testing-library/react"
import userEvent from "@testing-library/user-event"
import { afterEach, describe, expect, it, vi } from "vitest"
import { handleApiError } from "@/app"
import { ApiError } from "@/lib/api"
import { accessToken, startSession } from "@/lib/session"
import { renderApp } from "./render"
import { API, HttpResponse, http, server } from "./server"

describe("items", () => {
  it("requires a title and sends an empty description as an empty string", async () => {
    startSession("tok")
    let sent: unknown = null
    server.use(
      http.get(`${API}/api/v1/items/`, ({ request }) => {
        expect(new URL(request.url).search).toBe("?skip=0&limit=100")
        return HttpResponse.json({ data: [], count: 0 })
      }),
      http.post(`${API}/api/v1/items/`, async ({ request }) => {
        sent = await request.json()
        return HttpResponse.json({
          title: "Hello",
          description: "",
          id: "9d3f4c1e-1111-4a2b-9c3d-5e6f7a8b9c0d",
          owner_id: "6c0e1c8a-3a52-4f0e-9a55-0a7c6f0f7d11",
          created_at: "2026-01-01T00:00:00Z",
        })
      }),
    )
    const user = userEvent.setup()
    renderApp("/items")
    expect(await screen.findByText("You don't have any items yet")).toBeInTheDocument()
    await user.click(screen.getByRole("button", { name: "Add Item" }))
    const dialog = await screen.findByRole("dialog")
    const title = within(dialog).getByLabelText(/Title/)
    await user.click(title)
    await user.tab()
    expect(await within(dialog).findByText("Title is required")).toBeInTheDocument()
    await user.type(title, "Hello")
    await user.click(within(dialog).getByRole("button", { name: "Save" }))
    expect(await screen.findByText("Item created successfully")).toBeInTheDocument()
    expect(sent).toEqual({ title: "Hello", description: "" })
  })
})

describe("settings", () => {
  it("shows zod's length message for a long full name and patches only changed fields", async () => {
    startSession("tok")
    let sent: unknown = null
    server.use(
      http.patch(`${API}/api/v1/users/me`, async ({ request }) => {
        sent = await request.json()
        return HttpResponse.json({
          email: "admin@example.com",
          is_active: true,
          is_superuser: true,
          full_name: "New Name",
          id: "6c0e1c8a-3a52-4f0e-9a55-0a7c6f0f7d11",
          created_at: null,
        })
      }),
    )
    const user = userEvent.setup()
    renderApp("/settings")
    expect(await screen.findByRole("tab", { name: "My profile" })).toHaveAttribute(
      "aria-selected",
      "true",
    )
    await user.click(screen.getByRole("button", { name: "Edit" }))
    const name = screen.getByLabelText("Full name")
    await user.clear(name)
    await user.type(name, "x".repeat(31))
    await user.tab()
    expect(
      await screen.findByText("Too big: expected string to have <=30 characters"),
    ).toBeInTheDocument()
    await user.clear(name)
    await user.type(name, "New Name")
    await user.click(screen.getByRole("button", { name: "Save" }))
    expect(await screen.findByText("User updated successfully")).toBeInTheDocument()
    expect(sent).toEqual({ full_name: "New Name" })
  })

  it("validates the password form on submit", async () => {
    startSession("tok")
    const user = userEvent.setup()
    renderApp("/settings")
    await user.click(await screen.findByRole("tab", { name: "Password" }))
    await user.type(screen.getByTestId("current-password-input"), "password123")
    await user.type(screen.getByTestId("new-password-input"), "weak")
    await user.type(screen.getByTestId("confirm-password-input"), "weak2")
    expect(screen.queryByText("Password must be at least 8 characters")).not.toBeInTheDocument()
    await user.click(screen.getByRole("button", { name: "Update Password" }))
    expect(await screen.findByText("Password must be at least 8 characters")).toBeInTheDocument()
    expect(screen.getByText("The passwords don't match")).toBeInTheDocument()
  })
})

describe("rate limits", () => {
  it("shows the 429 detail of a password change and does not log out", async () => {
    startSession("tok")
    server.use(
      http.patch(`${API}/api/v1/users/me/password`, () =>
        HttpResponse.json(
          { detail: "Too many attempts, try again in 42 seconds" },
          { status: 429, headers: { "Retry-After": "42" } },
        ),
      ),
    )
    const user = userEvent.setup()
    const { router } = renderApp("/settings")
    await user.click(await screen.findByRole("tab", { name: "Password" }))
    await user.type(screen.getByTestId("current-password-input"), "password123")
    await user.type(screen.getByTestId("new-password-input"), "password456")
    await user.type(screen.getByTestId("confirm-password-input"), "password456")
    await user.click(screen.getByRole("button", { name: "Update Password" }))
    expect(
      await screen.findByText("Too many attempts, try again in 42 seconds"),
    ).toBeInTheDocument()
    expect(accessToken()).toBe("tok")
    expect(router.state.location.pathname).toBe("/settings")
  })
})

describe("global 401/403 rule", () => {
  const original = window.location
  afterEach(() => {
    Object.defineProperty(window, "location", { value: original, configurable: true })
  })

  it("logs out (POST /logout) and reloads /login for 401 and 403 only", async () => {
    const fake = { href: "http://localhost:3000/settings" }
    Object.defineProperty(window, "location", { value: fake, configurable: true })
    const logouts: (string | null)[] = []
    server.use(
      http.post(`${API}/api/v1/logout`, ({ request }) => {
        logouts.push(request.headers.get("authorization"))
        return HttpResponse.json({ message: "Logged out" })
      }),
    )
    startSession("bad")

    handleApiError(
      new ApiError("Request failed with status code 404", 404, { detail: "User not found" }),
    )
    handleApiError(new ApiError("Network Error", undefined, null))
    expect(accessToken()).toBe("bad")
    expect(fake.href).toBe("http://localhost:3000/settings")

    handleApiError(new ApiError("Request failed with status code 403", 403, { detail: "x" }))
    handleApiError(new ApiError("Request failed with status code 401", 401, { detail: "x" }))
    await vi.waitFor(() => expect(fake.href).toBe("/login"))
    expect(accessToken()).toBeNull()
    // two failures, one logout
    expect(logouts).toEqual(["Bearer bad"])
  })

  it("is wired to the current-user query", async () => {
    const spy = vi.fn()
    const fake = {
      get href() {
        return "http://localhost:3000/"
      },
      set href(v: string) {
        spy(v)
      },
    }
    server.use(
      http.get(`${API}/api/v1/users/me`, () =>
        HttpResponse.json({ detail: "Could not validate credentials" }, { status: 403 }),
      ),
    )
    startSession("invalid_token")
    renderApp("/settings")
    Object.defineProperty(window, "location", { value: fake, configurable: true })
    await vi.waitFor(() => expect(spy).toHaveBeenCalledWith("/login"))
    expect(accessToken()).toBeNull()
  })
})
