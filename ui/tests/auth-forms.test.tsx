import { screen, waitFor } from "@testing-library/react"
import userEvent from "@testing-library/user-event"
import { describe, expect, it } from "vitest"
import { accessToken, isLoggedIn } from "@/lib/session"
import { renderApp } from "./render"
import { API, HttpResponse, http, server } from "./server"

describe("login form", () => {
  it("validates the email on blur and the password on submit", async () => {
    const user = userEvent.setup()
    renderApp("/login")
    const email = await screen.findByTestId("email-input")
    await user.type(email, "invalidemail")
    await user.tab()
    expect(await screen.findByText("Invalid email address")).toBeInTheDocument()
    expect(email).toHaveAccessibleDescription("Invalid email address")
    expect(email).toHaveAttribute("aria-invalid", "true")

    await user.clear(email)
    await user.type(email, "user@example.com")
    await user.click(screen.getByRole("button", { name: "Log In" }))
    expect(await screen.findByText("Password is required")).toBeInTheDocument()
    expect(screen.queryByText("Invalid email address")).not.toBeInTheDocument()

    await user.type(screen.getByTestId("password-input"), "short")
    expect(await screen.findByText("Password must be at least 8 characters")).toBeInTheDocument()
  })

  it("shows the API's string detail in an error toast", async () => {
    let body = ""
    server.use(
      http.post(`${API}/api/v1/login/session`, async ({ request }) => {
        body = await request.text()
        return HttpResponse.json({ detail: "Incorrect email or password" }, { status: 400 })
      }),
    )
    const user = userEvent.setup()
    renderApp("/login")
    await user.type(await screen.findByTestId("email-input"), "admin@example.com")
    await user.type(screen.getByTestId("password-input"), "wrongpassword")
    await user.click(screen.getByRole("button", { name: "Log In" }))
    expect(await screen.findByText("Something went wrong!")).toBeInTheDocument()
    expect(screen.getByText("Incorrect email or password")).toBeInTheDocument()
    expect(new URLSearchParams(body).get("username")).toBe("admin@example.com")
    expect([...new URLSearchParams(body).keys()].sort()).toEqual(["password", "username"])
    expect(isLoggedIn()).toBe(false)
  })

  it("shows the rate limit's detail of a 429 answer and stays on /login", async () => {
    server.use(
      http.post(`${API}/api/v1/login/session`, () =>
        HttpResponse.json(
          { detail: "Too many attempts, try again in 42 seconds" },
          { status: 429, headers: { "Retry-After": "42" } },
        ),
      ),
    )
    const user = userEvent.setup()
    const { router } = renderApp("/login")
    await user.type(await screen.findByTestId("email-input"), "admin@example.com")
    await user.type(screen.getByTestId("password-input"), "changethis")
    await user.click(screen.getByRole("button", { name: "Log In" }))
    expect(
      await screen.findByText("Too many attempts, try again in 42 seconds"),
    ).toBeInTheDocument()
    expect(isLoggedIn()).toBe(false)
    expect(router.state.location.pathname).toBe("/login")
  })

  it("keeps the token in memory only and opens the dashboard on success", async () => {
    let auth: string | null = "unset"
    server.use(
      http.post(`${API}/api/v1/login/session`, ({ request }) => {
        auth = request.headers.get("authorization")
        return HttpResponse.json({ access_token: "tok123", token_type: "bearer" })
      }),
      http.get(`${API}/api/v1/users/me`, ({ request }) => {
        expect(request.headers.get("authorization")).toBe("Bearer tok123")
        return HttpResponse.json({
          email: "jane@example.com",
          is_active: true,
          is_superuser: false,
          full_name: "Jane Doe",
          id: "0b5c2a4e-7d1f-4c59-8a3e-2f6d9b1c0e42",
          created_at: null,
        })
      }),
    )
    const user = userEvent.setup()
    const { router } = renderApp("/login")
    await user.type(await screen.findByTestId("email-input"), "jane@example.com")
    await user.type(screen.getByTestId("password-input"), "changethis")
    await user.click(screen.getByRole("button", { name: "Log In" }))
    expect(await screen.findByText("Hi, Jane Doe 👋")).toBeInTheDocument()
    expect(accessToken()).toBe("tok123")
    expect(localStorage.length).toBe(0)
    expect(sessionStorage.length).toBe(0)
    expect(router.state.location.pathname).toBe("/")
    expect(auth).toBeNull()
  })
})

describe("sign-up form", () => {
  it("reports missing and mismatching fields", async () => {
    const user = userEvent.setup()
    renderApp("/signup")
    await user.click(await screen.findByRole("button", { name: "Sign Up" }))
    expect(await screen.findByText("Full Name is required")).toBeInTheDocument()
    expect(screen.getByText("Invalid email address")).toBeInTheDocument()
    expect(screen.getByText("Password is required")).toBeInTheDocument()
    expect(screen.getByText("Password confirmation is required")).toBeInTheDocument()

    await user.type(screen.getByTestId("password-input"), "password123")
    await user.type(screen.getByTestId("confirm-password-input"), "password124")
    await user.tab()
    expect(await screen.findByText("The passwords don't match")).toBeInTheDocument()
  })

  it("shows detail[0].msg of a 422 answer and sends no confirmation", async () => {
    let sent: unknown = null
    server.use(
      http.post(`${API}/api/v1/users/signup`, async ({ request }) => {
        sent = await request.json()
        return HttpResponse.json(
          {
            detail: [
              {
                type: "value_error",
                loc: ["body", "email"],
                msg: "value is not a valid email address: The part after the @-sign is a special-use or reserved name that cannot be used with email.",
                input: "x@foo.test",
              },
            ],
          },
          { status: 422 },
        )
      }),
    )
    const user = userEvent.setup()
    renderApp("/signup")
    await user.type(await screen.findByTestId("full-name-input"), "Jane")
    await user.type(screen.getByTestId("email-input"), "x@foo.test")
    await user.type(screen.getByTestId("password-input"), "password123")
    await user.type(screen.getByTestId("confirm-password-input"), "password123")
    await user.click(screen.getByRole("button", { name: "Sign Up" }))
    expect(
      await screen.findByText(/The part after the @-sign is a special-use or reserved name/),
    ).toBeInTheDocument()
    expect(sent).toEqual({ email: "x@foo.test", full_name: "Jane", password: "password123" })
  })

  it("shows the rate limit's detail of a 429 answer", async () => {
    server.use(
      http.post(`${API}/api/v1/users/signup`, () =>
        HttpResponse.json(
          { detail: "Too many attempts, try again in 17 seconds" },
          { status: 429, headers: { "Retry-After": "17" } },
        ),
      ),
    )
    const user = userEvent.setup()
    const { router } = renderApp("/signup")
    await user.type(await screen.findByTestId("full-name-input"), "Jane")
    await user.type(screen.getByTestId("email-input"), "jane@example.com")
    await user.type(screen.getByTestId("password-input"), "password123")
    await user.type(screen.getByTestId("confirm-password-input"), "password123")
    await user.click(screen.getByRole("button", { name: "Sign Up" }))
    expect(
      await screen.findByText("Too many attempts, try again in 17 seconds"),
    ).toBeInTheDocument()
    expect(router.state.location.pathname).toBe("/signup")
  })
})

describe("password recovery", () => {
  it("validates on submit only", async () => {
    const user = userEvent.setup()
    renderApp("/recover-password")
    const email = await screen.findByTestId("email-input")
    await user.type(email, "nope")
    await user.tab()
    expect(screen.queryByText("Invalid email address")).not.toBeInTheDocument()
    await user.click(screen.getByRole("button", { name: "Continue" }))
    expect(await screen.findByText("Invalid email address")).toBeInTheDocument()
  })

  it("shows Network Error when the API cannot be reached", async () => {
    server.use(http.post(`${API}/api/v1/password-recovery/:email`, () => HttpResponse.error()))
    const user = userEvent.setup()
    renderApp("/recover-password")
    await user.type(await screen.findByTestId("email-input"), "jane@example.com")
    await user.click(screen.getByRole("button", { name: "Continue" }))
    expect(await screen.findByText("Network Error")).toBeInTheDocument()
  })

  it("percent-encodes the email, toasts success and clears the form", async () => {
    let path = ""
    server.use(
      http.post(`${API}/api/v1/password-recovery/:email`, ({ request }) => {
        path = new URL(request.url).pathname
        return HttpResponse.json({
          message: "If that email is registered, we sent a password recovery link",
        })
      }),
    )
    const user = userEvent.setup()
    renderApp("/recover-password")
    const email = await screen.findByTestId("email-input")
    await user.type(email, "jane+x@example.com")
    await user.click(screen.getByRole("button", { name: "Continue" }))
    expect(await screen.findByText("Password recovery email sent successfully")).toBeInTheDocument()
    expect(path).toBe("/api/v1/password-recovery/jane%2Bx%40example.com")
    await waitFor(() => expect(email).toHaveValue(""))
  })
})

describe("route guards", () => {
  it("sends logged-out users to /login", async () => {
    const { router } = renderApp("/items")
    expect(await screen.findByText("Login to your account")).toBeInTheDocument()
    expect(router.state.location.pathname).toBe("/login")
  })

  it("sends a reset link without a token to /login", async () => {
    const { router } = renderApp("/reset-password")
    expect(await screen.findByText("Login to your account")).toBeInTheDocument()
    expect(router.state.location.pathname).toBe("/login")
  })

  it("shows the not-found page for unknown paths", async () => {
    renderApp("/does-not-exist")
    expect(await screen.findByTestId("not-found")).toHaveTextContent(
      "The page you are looking for was not found.",
    )
  })
})
