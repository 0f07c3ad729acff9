import { screen, waitFor, within } from "@testing-library/react"
import userEvent from "@testing-library/user-event"
import { describe, expect, it, vi } from "vitest"
import type { AuditEventPublic } from "@/client"
import { AUDIT_KINDS, describeDetail, kindLabel } from "@/lib/audit"
import { startSession } from "@/lib/session"
import { renderApp } from "./render"
import { API, HttpResponse, http, server, superuser } from "./server"

const chromeLinux =
  "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0.0.0 Safari/537.36"

const bob = {
  email: "bob@example.com",
  is_active: true,
  is_superuser: false,
  full_name: "Bob",
  id: "1f0e2d3c-4b5a-4697-8877-665544332211",
  created_at: null,
}

let serial = 0
function event(fields: Partial<AuditEventPublic> & Pick<AuditEventPublic, "kind">) {
  serial++
  return {
    id: `00000000-0000-4000-8000-${String(serial).padStart(12, "0")}`,
    created_at: "2026-01-10T12:00:00Z",
    actor_id: null,
    subject_id: null,
    ip: "127.0.0.1",
    user_agent: chromeLinux,
    detail: {},
    ...fields,
  } satisfies AuditEventPublic
}

/** The query parameters of each request to `path`, as objects. */
function recordQueries(path: string, answer: (q: URLSearchParams) => AuditEventPublic[]) {
  const seen: Record<string, string>[] = []
  server.use(
    http.get(`${API}${path}`, ({ request }) => {
      const q = new URL(request.url).searchParams
      seen.push(Object.fromEntries(q.entries()))
      const all = answer(q)
      const skip = Number(q.get("skip") ?? 0)
      const limit = Number(q.get("limit") ?? 100)
      return HttpResponse.json({ data: all.slice(skip, skip + limit), count: all.length })
    }),
  )
  return seen
}

/** The text of each body row's cell `column` (0-based). */
function column(index: number): string[] {
  const rows = screen.getAllByRole("row").slice(1)
  return rows.map((r) => within(r).getAllByRole("cell")[index]?.textContent ?? "")
}

describe("audit wording", () => {
  it("names every kind and falls back to the kind's own name", () => {
    for (const kind of AUDIT_KINDS) expect(kindLabel(kind)).not.toContain("_")
    expect(kindLabel("login_failed")).toBe("Login failed")
    expect(kindLabel("session_revoked")).toBe("Session ended")
    expect(kindLabel("some_new_kind")).toBe("Some new kind")
  })

  it("sums up the detail in one line", () => {
    const d = (kind: string, detail: Record<string, unknown>) => describeDetail({ kind, detail })
    expect(d("login_failed", { email: "a@x.io", reason: "wrong_password" })).toBe(
      "a@x.io: wrong password",
    )
    expect(d("login_failed", { email: "a@x.io", reason: "email_not_verified" })).toBe(
      "a@x.io: email not verified",
    )
    expect(d("login_succeeded", { session: "refresh_cookie" })).toBe("Browser session")
    expect(d("user_updated", { fields: ["email", "full_name"] })).toBe("Changed: email, full name")
    expect(d("email_changed", { old_email: "a@x.io", new_email: "b@x.io" })).toBe("a@x.io → b@x.io")
    expect(d("user_created", { via: "signup" })).toBe("Signed up")
    expect(d("user_created", { via: "superuser", is_superuser: true })).toBe(
      "Created by a superuser · superuser",
    )
    expect(d("session_revoked", { reason: "logout", session_id: "x" })).toBe("Logged out")
    expect(d("session_revoked", { reason: "others_ended_by_user", sessions: 2 })).toBe(
      "Other sessions ended by the user · 2 sessions",
    )
    expect(d("email_verified", { via: "link" })).toBe("Through the emailed link")
    expect(d("recovery_requested", { email: "a@x.io", limited: true })).toBe(
      "a@x.io · refused: too many requests",
    )
    expect(d("user_deleted", { email: "a@x.io" })).toBe("a@x.io")
    // unknown facts are shown as they are
    expect(d("two_factor_enabled", { method: "totp", backup_codes: 10 })).toBe(
      "Method: totp · Backup codes: 10",
    )
    expect(d("password_changed", {})).toBe("")
  })
})

describe("Settings > Security activity", () => {
  const me = { ...bob }
  const own = [
    event({
      kind: "login_succeeded",
      actor_id: me.id,
      subject_id: me.id,
      detail: { session: "refresh_cookie" },
    }),
    event({
      kind: "login_failed",
      subject_id: me.id,
      ip: null,
      user_agent: "curl/8.5.0",
      detail: { email: me.email, reason: "wrong_password" },
    }),
    // the server leaves out a superuser's client in the owner's list
    event({
      kind: "email_verified",
      actor_id: superuser.id,
      subject_id: me.id,
      ip: null,
      user_agent: null,
      detail: { via: "superuser" },
    }),
    ...Array.from({ length: 9 }, () =>
      event({
        kind: "user_updated",
        actor_id: me.id,
        subject_id: me.id,
        detail: { fields: ["full_name"] },
      }),
    ),
  ]

  it("lists the own events with who, where and what, paged by the API", async () => {
    startSession("tok")
    server.use(http.get(`${API}/api/v1/users/me`, () => HttpResponse.json(me)))
    const seen = recordQueries("/api/v1/users/me/audit-events", () => own)
    const user = userEvent.setup()
    renderApp("/settings")
    await user.click(await screen.findByRole("tab", { name: "Security activity" }))
    expect(await screen.findByText("Showing 1 to 10 of 12 entries")).toBeInTheDocument()
    expect(seen).toEqual([{ skip: "0", limit: "10" }])
    expect(column(1).slice(0, 3)).toEqual(["Logged in", "Login failed", "Email verified"])
    expect(column(2).slice(0, 3)).toEqual(["You", "—", "A superuser"])
    // address, then device
    expect(column(3).slice(0, 3)).toEqual([
      "127.0.0.1Chrome 140 on Linux",
      "Unknown addresscurl/8.5.0",
      "—",
    ])
    expect(column(4).slice(0, 3)).toEqual([
      "Browser session",
      "bob@example.com: wrong password",
      "Marked verified by a superuser",
    ])
    const time = screen.getAllByRole("row")[1].querySelector("time")
    expect(time).toHaveAttribute("datetime", "2026-01-10T12:00:00Z")
    expect(time?.textContent).toMatch(/Jan 10, 2026/)

    await user.click(screen.getByRole("button", { name: "Go to next page" }))
    expect(await screen.findByText("Showing 11 to 12 of 12 entries")).toBeInTheDocument()
    expect(seen.at(-1)).toEqual({ skip: "10", limit: "10" })
    expect(screen.getAllByRole("row")).toHaveLength(3)
  })

  it("filters by kind and starts again on the first page", async () => {
    startSession("tok")
    server.use(http.get(`${API}/api/v1/users/me`, () => HttpResponse.json(me)))
    const seen = recordQueries("/api/v1/users/me/audit-events", (q) => {
      const kind = q.get("kind")
      return kind ? own.filter((e) => e.kind === kind) : own
    })
    const user = userEvent.setup()
    renderApp("/settings")
    await user.click(await screen.findByRole("tab", { name: "Security activity" }))
    await user.click(await screen.findByRole("button", { name: "Go to next page" }))
    await screen.findByText("Showing 11 to 12 of 12 entries")
    await user.selectOptions(screen.getByLabelText("Event"), "Login failed")
    await waitFor(() => expect(column(1)).toEqual(["Login failed"]))
    expect(seen.at(-1)).toEqual({ skip: "0", limit: "10", kind: "login_failed" })
    expect(screen.queryByText(/Showing/)).not.toBeInTheDocument()

    await user.selectOptions(screen.getByLabelText("Event"), "Password reset")
    expect(await screen.findByText("No events found.")).toBeInTheDocument()
  })
})

describe("admin: Activity", () => {
  const events = [
    event({ kind: "login_succeeded", actor_id: bob.id, subject_id: bob.id }),
    event({
      kind: "user_created",
      actor_id: superuser.id,
      subject_id: bob.id,
      detail: { via: "superuser", is_superuser: false },
    }),
    event({
      kind: "login_failed",
      detail: { email: "nobody@example.com", reason: "unknown_account" },
    }),
    event({
      kind: "user_deleted",
      actor_id: superuser.id,
      subject_id: "9a9a9a9a-0000-4000-8000-000000000000",
      detail: { email: "gone@example.com" },
    }),
  ]

  it("lists every event, named by account, and filters by user and kind", async () => {
    startSession("tok")
    server.use(
      http.get(`${API}/api/v1/users/`, ({ request }) => {
        expect(new URL(request.url).searchParams.get("limit")).toBe("1000")
        return HttpResponse.json({ data: [bob, superuser], count: 2 })
      }),
    )
    const seen = recordQueries("/api/v1/audit-events/", (q) =>
      events.filter(
        (e) =>
          (!q.get("user_id") || [e.actor_id, e.subject_id].includes(q.get("user_id"))) &&
          (!q.get("kind") || e.kind === q.get("kind")),
      ),
    )
    const user = userEvent.setup()
    const { router } = renderApp("/activity")
    expect(await screen.findByRole("heading", { name: "Activity" })).toBeInTheDocument()
    expect(document.title).toMatch(/^Activity - /)
    await waitFor(() => expect(column(1)).toHaveLength(4))
    expect(seen[0]).toEqual({ skip: "0", limit: "10" })
    // the account, and who did it when someone else did
    await waitFor(() => expect(column(2)[0]).toBe("bob@example.com"))
    expect(column(2)).toEqual([
      "bob@example.com",
      "bob@example.comby admin@example.com",
      "—",
      "9a9a9a9a…by admin@example.com",
    ])
    expect(column(4)[2]).toBe("nobody@example.com: unknown account")

    const users = screen.getByLabelText("User")
    expect(
      within(users)
        .getAllByRole("option")
        .map((o) => o.textContent),
    ).toEqual(["All users", "admin@example.com", "bob@example.com"])
    await user.selectOptions(users, "bob@example.com")
    await waitFor(() => expect(column(1)).toEqual(["Logged in", "Account created"]))
    expect(seen.at(-1)).toEqual({ skip: "0", limit: "10", user_id: bob.id })
    expect(router.state.location.search).toEqual({ user_id: bob.id })

    await user.selectOptions(screen.getByLabelText("Event"), "Account created")
    await waitFor(() => expect(column(1)).toEqual(["Account created"]))
    expect(seen.at(-1)).toEqual({ skip: "0", limit: "10", user_id: bob.id, kind: "user_created" })
    expect(column(4)).toEqual(["Created by a superuser · not a superuser"])

    await user.selectOptions(screen.getByLabelText("User"), "All users")
    await waitFor(() =>
      expect(seen.at(-1)).toEqual({ skip: "0", limit: "10", kind: "user_created" }),
    )
  })

  it("reads its filters from the address", async () => {
    startSession("tok")
    server.use(
      http.get(`${API}/api/v1/users/`, () =>
        HttpResponse.json({ data: [bob, superuser], count: 2 }),
      ),
    )
    const seen = recordQueries("/api/v1/audit-events/", () => [])
    renderApp(`/activity?user_id=${bob.id}&kind=login_failed`)
    expect(await screen.findByText("No events found.")).toBeInTheDocument()
    expect(seen[0]).toEqual({ skip: "0", limit: "10", user_id: bob.id, kind: "login_failed" })
    expect(screen.getByLabelText("Event")).toHaveValue("login_failed")
    await waitFor(() => expect(screen.getByLabelText("User")).toHaveValue(bob.id))
  })

  it("ignores filters in the address that the API would refuse", async () => {
    startSession("tok")
    server.use(
      http.get(`${API}/api/v1/users/`, () =>
        HttpResponse.json({ data: [bob, superuser], count: 2 }),
      ),
    )
    const seen = recordQueries("/api/v1/audit-events/", () => [])
    renderApp("/activity?user_id=nope&kind=nonsense")
    expect(await screen.findByText("No events found.")).toBeInTheDocument()
    expect(seen).toEqual([{ skip: "0", limit: "10" }])
    expect(screen.getByLabelText("Event")).toHaveValue("")
  })

  it("is for superusers only, in the sidebar and by address", async () => {
    startSession("tok")
    server.use(http.get(`${API}/api/v1/users/me`, () => HttpResponse.json(bob)))
    const { router } = renderApp("/activity")
    await vi.waitFor(() => expect(router.state.location.pathname).toBe("/"))
    expect(await screen.findByRole("link", { name: "Items" })).toBeInTheDocument()
    expect(screen.queryByRole("link", { name: "Activity" })).not.toBeInTheDocument()
  })

  it("has its sidebar entry for a superuser", async () => {
    startSession("tok")
    const user = userEvent.setup()
    const { router } = renderApp("/")
    server.use(
      http.get(`${API}/api/v1/users/`, () => HttpResponse.json({ data: [superuser], count: 1 })),
    )
    recordQueries("/api/v1/audit-events/", () => [])
    await user.click(await screen.findByRole("link", { name: "Activity" }))
    await vi.waitFor(() => expect(router.state.location.pathname).toBe("/activity"))
    expect(await screen.findByText("No events found.")).toBeInTheDocument()
  })
})
