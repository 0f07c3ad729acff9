import { screen, waitFor, within } from "@testing-library/react"
import userEvent from "@testing-library/user-event"
import { describe, expect, it } from "vitest"
import {
  itemsReadItemsQueryKey,
  usersReadUserMeQueryKey,
  usersReadUsersQueryKey,
} from "@/client/@tanstack/react-query.gen"
import { usersListQuery } from "@/components/admin/user-dialogs"
import { itemsListQuery } from "@/components/items/item-dialogs"
import { startSession } from "@/lib/session"
import { renderApp } from "./render"
import { API, HttpResponse, http, server, superuser } from "./server"

const item = {
  title: "First",
  description: null,
  id: "9d3f4c1e-1111-4a2b-9c3d-5e6f7a8b9c0d",
  owner_id: superuser.id,
  created_at: "2026-01-01T00:00:00Z",
}

describe("queries live under the generated query keys", () => {
  it("caches the current user and the item list under their generated keys", async () => {
    startSession("tok")
    server.use(
      http.get(`${API}/api/v1/items/`, () => HttpResponse.json({ data: [item], count: 1 })),
    )
    const { queryClient } = renderApp("/items")
    expect(await screen.findByText("First")).toBeInTheDocument()
    expect(queryClient.getQueryData(usersReadUserMeQueryKey())).toEqual(superuser)
    expect(queryClient.getQueryData(itemsReadItemsQueryKey(itemsListQuery))).toEqual({
      data: [item],
      count: 1,
    })
  })

  it("refetches the item list after a create (invalidated by the generated key prefix)", async () => {
    startSession("tok")
    let lists = 0
    server.use(
      http.get(`${API}/api/v1/items/`, () => {
        lists++
        return HttpResponse.json(lists === 1 ? { data: [], count: 0 } : { data: [item], count: 1 })
      }),
      http.post(`${API}/api/v1/items/`, () => HttpResponse.json(item)),
    )
    const user = userEvent.setup()
    renderApp("/items")
    expect(await screen.findByText("You don't have any items yet")).toBeInTheDocument()
    await user.click(screen.getByRole("button", { name: "Add Item" }))
    const dialog = await screen.findByRole("dialog")
    await user.type(within(dialog).getByLabelText(/Title/), "First")
    await user.click(within(dialog).getByRole("button", { name: "Save" }))
    expect(await screen.findByText("Item created successfully")).toBeInTheDocument()
    expect(await screen.findByRole("cell", { name: "First" })).toBeInTheDocument()
    expect(lists).toBe(2)
  })

  it("refetches every query after a user is deleted, the current user included", async () => {
    startSession("tok")
    const other = { ...superuser, id: "1f0e2d3c-4b5a-4697-8877-665544332211", email: "b@x.io" }
    let me = 0
    let lists = 0
    server.use(
      http.get(`${API}/api/v1/users/me`, () => {
        me++
        return HttpResponse.json(superuser)
      }),
      http.get(`${API}/api/v1/users/`, () => {
        lists++
        const data = lists === 1 ? [superuser, other] : [superuser]
        return HttpResponse.json({ data, count: data.length })
      }),
      http.delete(`${API}/api/v1/users/${other.id}`, () =>
        HttpResponse.json({ message: "User deleted successfully" }),
      ),
    )
    const user = userEvent.setup()
    const { queryClient } = renderApp("/admin")
    const row = (await screen.findByText("b@x.io")).closest("tr") as HTMLElement
    const meBefore = me
    await user.click(within(row).getByRole("button"))
    await user.click(await screen.findByRole("menuitem", { name: "Delete User" }))
    const dialog = await screen.findByRole("dialog")
    await user.click(within(dialog).getByRole("button", { name: "Delete" }))
    expect(await screen.findByText("The user was deleted successfully")).toBeInTheDocument()
    await waitFor(() => expect(screen.queryByText("b@x.io")).not.toBeInTheDocument())
    expect(lists).toBe(2)
    expect(me).toBeGreaterThan(meBefore)
    expect(queryClient.getQueryData(usersReadUsersQueryKey(usersListQuery))).toEqual({
      data: [superuser],
      count: 1,
    })
  })
})
