import { render, screen, within } from "@testing-library/react"
import userEvent from "@testing-library/user-event"
import { describe, expect, it } from "vitest"
import { DataTable } from "@/components/common/data-table"
import { startSession } from "@/lib/session"
import { renderApp } from "./render"
import { API, HttpResponse, http, server, superuser } from "./server"

describe("DataTable pagination (ui.md 2.11)", () => {
  const rows = Array.from({ length: 23 }, (_, i) => ({ id: `r${i + 1}` }))
  const columns = [{ id: "id", header: "Row", cell: (r: { id: string }) => r.id }]

  it("pages by 10 and lets the user change the page size", async () => {
    const user = userEvent.setup()
    render(<DataTable columns={columns} data={rows} rowKey={(r) => r.id} />)
    expect(screen.getByText("Showing 1 to 10 of 23 entries")).toBeInTheDocument()
    expect(screen.getByText("Page 1 of 3")).toBeInTheDocument()
    expect(screen.getByRole("button", { name: "Go to first page" })).toBeDisabled()
    expect(screen.getByRole("button", { name: "Go to previous page" })).toBeDisabled()
    await user.click(screen.getByRole("button", { name: "Go to last page" }))
    expect(screen.getByText("Showing 21 to 23 of 23 entries")).toBeInTheDocument()
    expect(screen.getByRole("button", { name: "Go to next page" })).toBeDisabled()
    await user.selectOptions(screen.getByLabelText("Rows per page"), "25")
    expect(screen.queryByText(/Showing/)).not.toBeInTheDocument()
    expect(screen.getAllByRole("row")).toHaveLength(24)
  })

  it("has no pagination bar for a single page and an empty text", () => {
    render(<DataTable columns={columns} data={[]} rowKey={(r) => r.id} />)
    expect(screen.getByText("No results found.")).toBeInTheDocument()
    expect(screen.queryByText(/Rows per page/)).not.toBeInTheDocument()
  })
})

describe("admin dialogs", () => {
  const other = {
    email: "bob@example.com",
    is_active: true,
    is_superuser: false,
    full_name: null,
    id: "1f0e2d3c-4b5a-4697-8877-665544332211",
    created_at: null,
  }

  it("omits an untouched null full name and an empty password from the update", async () => {
    startSession("tok")
    let sent: unknown = null
    server.use(
      http.get(`${API}/api/v1/users/`, () =>
        HttpResponse.json({ data: [other, superuser], count: 2 }),
      ),
      http.patch(`${API}/api/v1/users/:id`, async ({ request, params }) => {
        expect(params.id).toBe(other.id)
        sent = await request.json()
        return HttpResponse.json({ ...other, is_superuser: true })
      }),
    )
    const user = userEvent.setup()
    renderApp("/admin")
    const ownRow = (await screen.findByText("admin@example.com", { selector: "td span" })).closest(
      "tr",
    ) as HTMLElement
    expect(within(ownRow).getByText("You")).toBeInTheDocument()
    expect(within(ownRow).queryByRole("button")).toBeNull()
    const row = screen.getByText("bob@example.com").closest("tr") as HTMLElement
    expect(within(row).getByText("N/A")).toBeInTheDocument()
    await user.click(within(row).getByRole("button", { name: "Actions" }))
    await user.click(await screen.findByRole("menuitem", { name: "Edit User" }))
    const dialog = await screen.findByRole("dialog")
    await user.click(within(dialog).getByLabelText("Is superuser?"))
    await user.click(within(dialog).getByRole("button", { name: "Save" }))
    expect(await screen.findByText("User updated successfully")).toBeInTheDocument()
    expect(sent).toEqual({ email: "bob@example.com", is_superuser: true, is_active: true })
  })

  it("creates inactive users by default and sends the confirmation too", async () => {
    startSession("tok")
    let sent: unknown = null
    server.use(
      http.get(`${API}/api/v1/users/`, () => HttpResponse.json({ data: [superuser], count: 1 })),
      http.post(`${API}/api/v1/users/`, async ({ request }) => {
        sent = await request.json()
        return HttpResponse.json({ ...other, is_active: false })
      }),
    )
    const user = userEvent.setup()
    renderApp("/admin")
    await user.click(await screen.findByRole("button", { name: "Add User" }))
    const dialog = await screen.findByRole("dialog")
    await user.type(within(dialog).getByPlaceholderText("Email"), "bob@example.com")
    const [pw, confirm] = within(dialog).getAllByPlaceholderText("Password")
    await user.type(pw, "password123")
    await user.click(within(dialog).getByRole("button", { name: "Save" }))
    expect(await within(dialog).findByText("Please confirm your password")).toBeInTheDocument()
    await user.type(confirm, "password123")
    await user.click(within(dialog).getByRole("button", { name: "Save" }))
    expect(await screen.findByText("User created successfully")).toBeInTheDocument()
    expect(sent).toEqual({
      email: "bob@example.com",
      full_name: "",
      password: "password123",
      confirm_password: "password123",
      is_superuser: false,
      is_active: false,
    })
  })
})
