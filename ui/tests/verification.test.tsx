import { screen, waitFor, within } from "@testing-library/react"
import userEvent from "@testing-library/user-event"
import { describe, expect, it, vi } from "vitest"
import { isLoggedIn, startSession } from "@/lib/session"
import { renderApp } from "./render"
import {
  API,
  HttpResponse,
  http,
  PROJECT_NAME,
  server,
  superuser,
  verifiedSecurity,
} from "./server"

const unverified = { ...verifiedSecurity, email_verified: false }

const bob = {
  email: "bob@example.com",
  is_active: true,
  is_superuser: false,
  full_name: "Bob",
  id: "1f0e2d3c-4b5a-4697-8877-665544332211",
  created_at: null,
}

/** `/users/me/security` answering unverified until `verified()` is called. */
function securityUntilVerified() {
  let verified = false
  let reads = 0
  server.use(
    http.get(`${API}/api/v1/users/me/security`, () => {
      reads++
      return HttpResponse.json(verified ? verifiedSecurity : unverified)
    }),
  )
  return {
    verify: () => {
      verified = true
    },
    reads: () => reads,
  }
}

describe("the /verify-email page", () => {
  it("sends the link's token once and says the email is verified", async () => {
    const sent: unknown[] = []
    server.use(
      http.post(`${API}/api/v1/users/verify-email`, async ({ request }) => {
        sent.push(await request.json())
        return HttpResponse.json({ message: "Email verified" })
      }),
    )
    const user = userEvent.setup()
    const { router } = renderApp("/verify-email?token=abc.def.ghi")
    expect(await screen.findByRole("heading", { name: "Email verified" })).toBeInTheDocument()
    expect(document.title).toBe(`Verify Email - ${PROJECT_NAME}`)
    expect(sent).toEqual([{ token: "abc.def.ghi" }])
    // a visitor goes on to the login page
    await user.click(screen.getByRole("link", { name: "Log in" }))
    await vi.waitFor(() => expect(router.state.location.pathname).toBe("/login"))
    expect(sent).toHaveLength(1)
  })

  it("explains an invalid, used or expired link", async () => {
    server.use(
      http.post(`${API}/api/v1/users/verify-email`, () =>
        HttpResponse.json({ detail: "Invalid token" }, { status: 400 }),
      ),
    )
    renderApp("/verify-email?token=used")
    expect(await screen.findByRole("heading", { name: "Invalid link" })).toBeInTheDocument()
    expect(
      screen.getByText("This verification link is invalid, already used or expired."),
    ).toBeInTheDocument()
    expect(screen.getByText(/Log in to get a new link/)).toBeInTheDocument()
    expect(screen.getByRole("link", { name: "Log in" })).toHaveAttribute("href", "/login")
    expect(screen.queryByRole("button", { name: "Send a new link" })).not.toBeInTheDocument()
  })

  it("offers a logged-in user a new link when theirs did not work", async () => {
    startSession("tok")
    let resent = 0
    server.use(
      http.get(`${API}/api/v1/users/me/security`, () => HttpResponse.json(unverified)),
      http.post(`${API}/api/v1/users/verify-email`, () =>
        HttpResponse.json({ detail: "Invalid token" }, { status: 400 }),
      ),
      http.post(`${API}/api/v1/users/me/verify-email`, () => {
        resent++
        return HttpResponse.json({ message: "Verification email sent" })
      }),
    )
    const user = userEvent.setup()
    renderApp("/verify-email?token=expired")
    await user.click(await screen.findByRole("button", { name: "Send a new link" }))
    expect(await screen.findByText("Verification email sent")).toBeInTheDocument()
    expect(resent).toBe(1)
    expect(screen.getByRole("link", { name: "Continue to the app" })).toHaveAttribute("href", "/")
  })

  it("shows another failure with a way to try again", async () => {
    let calls = 0
    server.use(
      http.post(`${API}/api/v1/users/verify-email`, () => {
        calls++
        return calls === 1
          ? HttpResponse.json({ detail: "Service unavailable" }, { status: 503 })
          : HttpResponse.json({ message: "Email verified" })
      }),
    )
    const user = userEvent.setup()
    renderApp("/verify-email?token=abc")
    expect(await screen.findByText("Service unavailable")).toBeInTheDocument()
    await user.click(screen.getByRole("button", { name: "Try again" }))
    expect(await screen.findByRole("heading", { name: "Email verified" })).toBeInTheDocument()
    expect(calls).toBe(2)
  })

  it("goes to /login without a token", async () => {
    const { router } = renderApp("/verify-email")
    await vi.waitFor(() => expect(router.state.location.pathname).toBe("/login"))
  })

  it("removes the banner once the link is followed in the logged-in browser", async () => {
    startSession("tok")
    const security = securityUntilVerified()
    server.use(
      http.post(`${API}/api/v1/users/verify-email`, () => {
        security.verify()
        return HttpResponse.json({ message: "Email verified" })
      }),
    )
    const user = userEvent.setup()
    const { router } = renderApp("/")
    expect(await screen.findByTestId("verify-email-banner")).toBeInTheDocument()
    await router.navigate({ to: "/verify-email", search: { token: "abc" } })
    expect(await screen.findByRole("heading", { name: "Email verified" })).toBeInTheDocument()
    await user.click(screen.getByRole("link", { name: "Continue to the app" }))
    expect(await screen.findByText(/Welcome back/)).toBeInTheDocument()
    await waitFor(() => expect(screen.queryByTestId("verify-email-banner")).not.toBeInTheDocument())
    expect(security.reads()).toBe(2)
  })
})

describe("the verification banner", () => {
  it("shows for an unverified email and sends a new link", async () => {
    startSession("tok")
    let resent = 0
    server.use(
      http.get(`${API}/api/v1/users/me`, () => HttpResponse.json(bob)),
      http.get(`${API}/api/v1/users/me/security`, () => HttpResponse.json(unverified)),
      http.get(`${API}/api/v1/items/`, () => HttpResponse.json({ data: [], count: 0 })),
      http.post(`${API}/api/v1/users/me/verify-email`, ({ request }) => {
        expect(request.headers.get("authorization")).toBe("Bearer tok")
        resent++
        return HttpResponse.json({ message: "Verification email sent" })
      }),
    )
    const user = userEvent.setup()
    renderApp("/items")
    const banner = await screen.findByRole("region", { name: "Email verification" })
    expect(banner).toHaveTextContent(
      "Your email address bob@example.com is not verified yet. Open the link we sent you to verify it.",
    )
    await user.click(within(banner).getByRole("button", { name: "Resend" }))
    expect(await screen.findByText("Verification email sent")).toBeInTheDocument()
    expect(resent).toBe(1)
  })

  it("toasts the server's refusal, a rate limit say", async () => {
    startSession("tok")
    server.use(
      http.get(`${API}/api/v1/users/me/security`, () => HttpResponse.json(unverified)),
      http.post(`${API}/api/v1/users/me/verify-email`, () =>
        HttpResponse.json(
          { detail: "Too many attempts, try again in 42 seconds" },
          { status: 429 },
        ),
      ),
    )
    const user = userEvent.setup()
    renderApp("/")
    await user.click(await screen.findByRole("button", { name: "Resend" }))
    expect(await screen.findByText("Something went wrong!")).toBeInTheDocument()
    expect(screen.getByText("Too many attempts, try again in 42 seconds")).toBeInTheDocument()
    expect(isLoggedIn()).toBe(true)
  })

  it("goes when the server says the email is verified already", async () => {
    startSession("tok")
    const security = securityUntilVerified()
    server.use(
      http.post(`${API}/api/v1/users/me/verify-email`, () => {
        security.verify()
        return HttpResponse.json({ detail: "Email already verified" }, { status: 400 })
      }),
    )
    const user = userEvent.setup()
    renderApp("/")
    await user.click(await screen.findByRole("button", { name: "Resend" }))
    expect(await screen.findByText("Email already verified")).toBeInTheDocument()
    await waitFor(() => expect(screen.queryByTestId("verify-email-banner")).not.toBeInTheDocument())
  })

  it("does not show for a verified email", async () => {
    startSession("tok")
    let reads = 0
    server.use(
      http.get(`${API}/api/v1/users/me/security`, () => {
        reads++
        return HttpResponse.json(verifiedSecurity)
      }),
    )
    renderApp("/")
    expect(await screen.findByText(/Welcome back/)).toBeInTheDocument()
    await waitFor(() => expect(reads).toBe(1))
    expect(screen.queryByTestId("verify-email-banner")).not.toBeInTheDocument()
  })
})

describe("logging in with an unverified email", () => {
  it("explains the refusal instead of a toast", async () => {
    server.use(
      http.post(`${API}/api/v1/login/session`, () =>
        HttpResponse.json({ detail: "Email not verified" }, { status: 400 }),
      ),
    )
    const user = userEvent.setup()
    const { router } = renderApp("/login")
    await user.type(await screen.findByTestId("email-input"), "bob@example.com")
    await user.type(screen.getByTestId("password-input"), "changethis")
    await user.click(screen.getByRole("button", { name: "Log In" }))
    expect(await screen.findByRole("alert")).toHaveTextContent(
      "Your email is not verified yet. We sent a new verification link to your address: open it, then log in.",
    )
    // no error toast (its description would be the detail)
    expect(screen.queryByText("Email not verified")).not.toBeInTheDocument()
    expect(isLoggedIn()).toBe(false)
    expect(router.state.location.pathname).toBe("/login")
  })
})

describe("admin: email verification of users", () => {
  it("shows each user's badge and marks an unverified one verified", async () => {
    startSession("tok")
    let bobVerified = false
    const marked: string[] = []
    server.use(
      http.get(`${API}/api/v1/users/`, () =>
        HttpResponse.json({ data: [bob, superuser], count: 2 }),
      ),
      http.get(`${API}/api/v1/users/${bob.id}/security`, () =>
        HttpResponse.json({ ...verifiedSecurity, email_verified: bobVerified }),
      ),
      http.post(`${API}/api/v1/users/:id/verify-email`, ({ params }) => {
        marked.push(String(params.id))
        bobVerified = true
        return HttpResponse.json(bob)
      }),
    )
    const user = userEvent.setup()
    renderApp("/admin")
    const row = (await screen.findByText("bob@example.com")).closest("tr") as HTMLElement
    expect(await within(row).findByText("Unverified")).toBeInTheDocument()
    const own = screen.getByText("admin@example.com", { selector: "td span" }).closest("tr")
    expect(await within(own as HTMLElement).findByText("Verified")).toBeInTheDocument()

    await user.click(within(row).getByRole("button", { name: "Actions" }))
    const items = await screen.findAllByRole("menuitem")
    expect(items.map((i) => i.textContent?.trim())).toEqual([
      "Edit User",
      "Mark verified",
      "End all sessions",
      "Delete User",
    ])
    await user.click(screen.getByRole("menuitem", { name: "Mark verified" }))
    const dialog = await screen.findByRole("dialog", { name: "Mark Email Verified" })
    expect(within(dialog).getByText("bob@example.com")).toBeInTheDocument()
    await user.click(within(dialog).getByRole("button", { name: "Mark verified" }))
    expect(await screen.findByText("The email was marked verified")).toBeInTheDocument()
    expect(marked).toEqual([bob.id])
    expect(await within(row).findByText("Verified")).toBeInTheDocument()
    expect(screen.queryByRole("dialog")).not.toBeInTheDocument()

    // verified now: no such entry any more
    await user.click(within(row).getByRole("button", { name: "Actions" }))
    await screen.findByRole("menuitem", { name: "Edit User" })
    expect(screen.queryByRole("menuitem", { name: "Mark verified" })).not.toBeInTheDocument()
  })

  it("does not ask again for the users' security states after a deletion", async () => {
    startSession("tok")
    let list = [bob, superuser]
    const reads: string[] = []
    let me = 0
    server.use(
      http.get(`${API}/api/v1/users/me`, () => {
        me++
        return HttpResponse.json(superuser)
      }),
      http.get(`${API}/api/v1/users/`, () => HttpResponse.json({ data: list, count: list.length })),
      http.get(`${API}/api/v1/users/:id/security`, ({ params }) => {
        // the banner's own state (`/users/me/security`) is refetched, as every other query
        if (params.id === "me") return HttpResponse.json(verifiedSecurity)
        reads.push(String(params.id))
        return params.id === bob.id && !list.includes(bob)
          ? HttpResponse.json({ detail: "User not found" }, { status: 404 })
          : HttpResponse.json(verifiedSecurity)
      }),
      http.delete(`${API}/api/v1/users/${bob.id}`, () => {
        list = [superuser]
        return HttpResponse.json({ message: "User deleted successfully" })
      }),
    )
    const user = userEvent.setup()
    renderApp("/admin")
    const row = (await screen.findByText("bob@example.com")).closest("tr") as HTMLElement
    await within(row).findByText("Verified")
    const meBefore = me
    await user.click(within(row).getByRole("button", { name: "Actions" }))
    await user.click(await screen.findByRole("menuitem", { name: "Delete User" }))
    await user.click(
      within(await screen.findByRole("dialog")).getByRole("button", { name: "Delete" }),
    )
    expect(await screen.findByText("The user was deleted successfully")).toBeInTheDocument()
    await waitFor(() => expect(screen.queryByText("bob@example.com")).not.toBeInTheDocument())
    // every other query is refetched (the current user's, say), no security state: the deleted
    // user's would answer 404
    await waitFor(() => expect(me).toBe(meBefore + 1))
    expect(reads.sort()).toEqual([bob.id, superuser.id].sort())
  })
})
