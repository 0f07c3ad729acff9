import { readFileSync } from "node:fs"
import path from "node:path"
import { screen, waitFor, within } from "@testing-library/react"
import { describe, expect, it } from "vitest"
import { DEFAULT_PROJECT_NAME, fetchProjectName } from "@/lib/project"
import { startSession } from "@/lib/session"
import { renderApp } from "./render"
import { API, HttpResponse, http, PROJECT_NAME, server } from "./server"

const repository = readFileSync(
  path.resolve(import.meta.dirname, "../../Cargo.toml"),
  "utf8",
).match(/\[workspace\.package\][^[]*?\brepository\s*=\s*"([^"]+)"/)?.[1]

function emptyLists() {
  server.use(
    http.get(`${API}/api/v1/items/`, () => HttpResponse.json({ data: [], count: 0 })),
    http.get(`${API}/api/v1/users/`, () => HttpResponse.json({ data: [], count: 0 })),
  )
}

describe("titles are `<Page> - <PROJECT_NAME>`, the name read from the OpenAPI document", () => {
  it.each([
    ["/login", "Log In", false],
    ["/signup", "Sign Up", false],
    ["/recover-password", "Recover Password", false],
    ["/reset-password?token=abc", "Reset Password", false],
    ["/", "Dashboard", true],
    ["/items", "Items", true],
    ["/admin", "Admin", true],
    ["/settings", "Settings", true],
  ])("%s is titled %s", async (route, page, loggedIn) => {
    if (loggedIn) startSession("tok")
    emptyLists()
    renderApp(route)
    await waitFor(() => expect(document.title).toBe(`${page} - ${PROJECT_NAME}`))
  })
})

describe("the project's name, mark and links", () => {
  it("shows the name beside the mark and in the footer, with the project's own links", async () => {
    renderApp("/login")
    const footer = await screen.findByRole("contentinfo")
    expect(
      await within(footer).findByText(`${PROJECT_NAME} - ${new Date().getFullYear()}`),
    ).toBeInTheDocument()
    const links = within(within(footer).getByRole("navigation")).getAllByRole("link")
    expect(links.map((a) => [a.textContent, a.getAttribute("href")])).toEqual([
      ["API docs", `${API}/docs`],
      ["Source code", repository],
    ])
    for (const a of links) {
      expect(a).toHaveAttribute("target", "_blank")
      expect(a).toHaveAttribute("rel", "noopener noreferrer")
    }
    expect(screen.getByText(PROJECT_NAME, { exact: true })).toBeInTheDocument()
    expect(screen.queryByText(/FastAPI/)).not.toBeInTheDocument()
  })

  it("links the sidebar's logo home, with the mark's dark-mode variant", async () => {
    startSession("tok")
    renderApp("/")
    const home = await screen.findByRole("link", { name: PROJECT_NAME })
    expect(home).toHaveAttribute("href", "/")
    const mark = home.querySelector("img")
    // the app starts dark (ui.md 1.4): the `-light` variant is drawn for dark backgrounds
    expect(mark).toHaveAttribute("src", "/assets/images/hexstack-icon-light.svg")
  })
})

describe("fetchProjectName", () => {
  it("answers the document's info.title", async () => {
    expect(await fetchProjectName()).toBe(PROJECT_NAME)
  })

  it.each([
    ["an HTML page (a dev server without an API)", () => HttpResponse.html("<!doctype html>")],
    ["a 404", () => HttpResponse.json({ detail: "Not Found" }, { status: 404 })],
    ["an empty title", () => HttpResponse.json({ info: { title: " " } })],
    ["no info", () => HttpResponse.json({ openapi: "3.1.0" })],
    ["a network error", () => HttpResponse.error()],
  ])("falls back to hexstack for %s", async (_, answer) => {
    server.use(http.get(`${API}/api/v1/openapi.json`, answer))
    expect(await fetchProjectName()).toBe(DEFAULT_PROJECT_NAME)
  })

  it("has hexstack as its default", () => {
    expect(DEFAULT_PROJECT_NAME).toBe("hexstack")
  })
})
