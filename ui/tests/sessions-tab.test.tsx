import { screen, within } from "@testing-library/react"
import userEvent from "@testing-library/user-event"
import { describe, expect, it, vi } from "vitest"
import type { SessionPublic } from "@/client"
import { describeDevice } from "@/lib/device"
import { relativeTime } from "@/lib/relative-time"
import { startSession } from "@/lib/session"
import { renderApp } from "./render"
import { API, HttpResponse, http, server, superuser } from "./server"

const chromeLinux =
  "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0.0.0 Safari/537.36"
const safariIphone =
  "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1"

const minutesAgo = (n: number) => new Date(Date.now() - n * 60_000).toISOString()

const sessions: SessionPublic[] = [
  {
    id: "0a1b2c3d-0000-4000-8000-000000000001",
    created_at: minutesAgo(5),
    last_used_at: minutesAgo(0),
    ip: "127.0.0.1",
    user_agent: chromeLinux,
    current: true,
  },
  {
    id: "0a1b2c3d-0000-4000-8000-000000000002",
    created_at: minutesAgo(3000),
    last_used_at: minutesAgo(180),
    ip: null,
    user_agent: safariIphone,
    current: false,
  },
]

describe("device and time wording", () => {
  it("names browser, version and system, or falls back", () => {
    expect(describeDevice(chromeLinux)).toEqual({ name: "Chrome 140 on Linux", kind: "desktop" })
    expect(describeDevice(safariIphone)).toEqual({ name: "Safari 17 on iOS", kind: "mobile" })
    expect(describeDevice(null)).toEqual({ name: "Unknown device", kind: "unknown" })
    expect(describeDevice("curl/8.5.0").name).toBe("curl/8.5.0")
  })

  it("says how long ago", () => {
    const now = new Date("2026-01-10T12:00:00Z")
    expect(relativeTime("2026-01-10T11:59:30Z", now)).toBe("just now")
    expect(relativeTime("2026-01-10T12:00:05Z", now)).toBe("just now")
    expect(relativeTime("2026-01-10T11:55:00Z", now)).toBe("5 minutes ago")
    expect(relativeTime("2026-01-10T09:00:00Z", now)).toBe("3 hours ago")
    expect(relativeTime("2026-01-09T10:00:00Z", now)).toBe("yesterday")
    expect(relativeTime("nonsense", now)).toBe("unknown")
  })
})

describe("Settings > Sessions", () => {
  it("lists the sessions with device, address and last use, and ends another one", async () => {
    startSession("tok")
    let list = sessions
    const ended: string[] = []
    server.use(
      http.get(`${API}/api/v1/users/me/sessions`, () =>
        HttpResponse.json({ data: list, count: list.length }),
      ),
      http.delete(`${API}/api/v1/users/me/sessions/:id`, ({ params }) => {
        ended.push(String(params.id))
        list = list.filter((s) => s.id !== params.id)
        return HttpResponse.json({ message: "Session ended" })
      }),
      http.delete(`${API}/api/v1/users/me/sessions`, () => {
        ended.push("others")
        list = list.filter((s) => s.current)
        return HttpResponse.json({ message: "Sessions ended" })
      }),
    )
    const user = userEvent.setup()
    renderApp("/settings")
    await user.click(await screen.findByRole("tab", { name: "Sessions" }))
    const current = await screen.findByRole("listitem", { name: "Chrome 140 on Linux" })
    expect(within(current).getByText("This device")).toBeInTheDocument()
    expect(current).toHaveTextContent("127.0.0.1 · Last used just now")
    expect(within(current).queryByRole("button")).not.toBeInTheDocument()
    const phone = screen.getByRole("listitem", { name: "Safari 17 on iOS" })
    expect(phone).toHaveTextContent("Unknown address · Last used 3 hours ago")
    expect(within(phone).queryByText("This device")).not.toBeInTheDocument()

    await user.click(within(phone).getByRole("button", { name: "End session" }))
    expect(await screen.findByText("The session was ended")).toBeInTheDocument()
    expect(ended).toEqual([sessions[1].id])
    await screen.findByRole("button", { name: "Log out everywhere else" })
    expect(screen.queryByRole("listitem", { name: "Safari 17 on iOS" })).not.toBeInTheDocument()
    // nothing else left to end
    expect(screen.getByRole("button", { name: "Log out everywhere else" })).toBeDisabled()
  })

  it("logs out everywhere else", async () => {
    startSession("tok")
    let list = sessions
    server.use(
      http.get(`${API}/api/v1/users/me/sessions`, () =>
        HttpResponse.json({ data: list, count: list.length }),
      ),
      http.delete(`${API}/api/v1/users/me/sessions`, () => {
        list = list.filter((s) => s.current)
        return HttpResponse.json({ message: "Sessions ended" })
      }),
    )
    const user = userEvent.setup()
    renderApp("/settings")
    await user.click(await screen.findByRole("tab", { name: "Sessions" }))
    await screen.findByRole("listitem", { name: "Safari 17 on iOS" })
    await user.click(screen.getByRole("button", { name: "Log out everywhere else" }))
    expect(await screen.findByText("You were logged out everywhere else")).toBeInTheDocument()
    await vi.waitFor(() => expect(screen.getAllByTestId("session")).toHaveLength(1))
    expect(screen.getByRole("listitem", { name: "Chrome 140 on Linux" })).toBeInTheDocument()
  })
})

describe("admin: End all sessions", () => {
  it("asks for confirmation, calls the superuser endpoint and toasts", async () => {
    startSession("tok")
    const other = {
      ...superuser,
      email: "bob@example.com",
      is_superuser: false,
      id: "1f0e2d3c-4b5a-4697-8877-665544332211",
    }
    const called: string[] = []
    server.use(
      http.get(`${API}/api/v1/users/`, () =>
        HttpResponse.json({ data: [other, superuser], count: 2 }),
      ),
      http.delete(`${API}/api/v1/users/:id/sessions`, ({ params }) => {
        called.push(String(params.id))
        return HttpResponse.json({ message: "Sessions ended" })
      }),
    )
    const user = userEvent.setup()
    renderApp("/admin")
    const row = (await screen.findByText("bob@example.com")).closest("tr") as HTMLElement
    await user.click(within(row).getByRole("button", { name: "Actions" }))
    await user.click(await screen.findByRole("menuitem", { name: "End all sessions" }))
    const dialog = await screen.findByRole("dialog", { name: "End All Sessions" })
    expect(within(dialog).getByText("bob@example.com")).toBeInTheDocument()
    await user.click(within(dialog).getByRole("button", { name: "Cancel" }))
    expect(called).toEqual([])
    await user.click(within(row).getByRole("button", { name: "Actions" }))
    await user.click(await screen.findByRole("menuitem", { name: "End all sessions" }))
    await user.click(
      within(await screen.findByRole("dialog")).getByRole("button", { name: "End sessions" }),
    )
    expect(await screen.findByText("All sessions of the user were ended")).toBeInTheDocument()
    expect(called).toEqual([other.id])
    expect(screen.queryByRole("dialog")).not.toBeInTheDocument()
  })
})
