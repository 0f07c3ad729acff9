import { readFileSync } from "node:fs"
import path from "node:path"
import { expect, superuser, test } from "./fixtures"

// hexstack's own name, mark and links where the template shows FastAPI's (ui.md: "hexstack's own
// web app is not the template's clone in looks").

const repository = readFileSync(
  path.resolve(import.meta.dirname, "..", "..", "Cargo.toml"),
  "utf8",
).match(/\[workspace\.package\][^[]*?\brepository\s*=\s*"([^"]+)"/)?.[1]

test.describe("Logged out", () => {
  test.use({ storageState: { cookies: [], origins: [] } })

  test("The login page shows the project's name, mark and footer links", async ({
    page,
    baseURL,
  }) => {
    await page.goto("/login")
    await expect(page).toHaveTitle("Log In - hexstack")
    await expect(page.getByText(`hexstack - ${new Date().getFullYear()}`)).toBeVisible()
    const links = page.getByRole("contentinfo").getByRole("link")
    await expect(links).toHaveText(["API docs", "Source code"])
    await expect(links.nth(0)).toHaveAttribute("href", `${baseURL}/docs`)
    await expect(links.nth(1)).toHaveAttribute("href", repository ?? "missing in Cargo.toml")
    await expect(page.getByText("FastAPI")).toHaveCount(0)
    await expect(page.locator("body")).not.toContainText("Full Stack")
  })

  test("The API docs link opens this server's Swagger UI", async ({ page }) => {
    await page.goto("/login")
    const [docs] = await Promise.all([
      page.waitForEvent("popup"),
      page.getByRole("link", { name: "API docs" }).click(),
    ])
    await expect(docs).toHaveTitle("hexstack - Swagger UI")
  })

  test("The name is the server's PROJECT_NAME, read from its OpenAPI document", async ({
    page,
  }) => {
    await page.route("**/api/v1/openapi.json", async (route) => {
      const response = await route.fetch()
      const document = await response.json()
      document.info.title = "Renamed Stack"
      await route.fulfill({ response, json: document })
    })
    await page.goto("/login")
    await expect(page).toHaveTitle("Log In - Renamed Stack")
    await expect(page.getByText(`Renamed Stack - ${new Date().getFullYear()}`)).toBeVisible()
    await page.getByTestId("email-input").fill(superuser.email)
    await page.getByTestId("password-input").fill(superuser.password)
    await page.getByRole("button", { name: "Log In" }).click()
    await page.waitForURL("/")
    // read once per page load: logging in (which clears the query cache) keeps the name
    await expect(page).toHaveTitle("Dashboard - Renamed Stack")
    await expect(page.getByRole("link", { name: "Renamed Stack" })).toBeVisible()
  })

  test("The favicon and both variants of the mark are served", async ({ page }) => {
    await page.goto("/login")
    const icons = await page
      .locator('link[rel="icon"]')
      .evaluateAll((links) => links.map((l) => (l as HTMLLinkElement).href))
    expect(icons.map((href) => new URL(href).pathname)).toEqual([
      "/assets/images/favicon.png",
      "/assets/images/favicon.svg",
    ])
    for (const href of [
      ...icons,
      "/assets/images/hexstack-icon.svg",
      "/assets/images/hexstack-icon-light.svg",
    ]) {
      const res = await page.request.get(href)
      expect(res.status(), href).toBe(200)
      expect(res.headers()["content-type"], href).toMatch(/^image\/(png|svg\+xml)/)
    }
  })
})

test("The sidebar shows the mark with the name, drawn for the current theme", async ({ page }) => {
  await page.goto("/")
  await expect(page).toHaveTitle("Dashboard - hexstack")
  const logo = page.getByRole("link", { name: "hexstack" })
  await expect(logo).toHaveAttribute("href", "/")
  const mark = logo.locator("img")
  await page.getByTestId("theme-button").click()
  await page.getByTestId("light-mode").click()
  await expect(mark).toHaveAttribute("src", "/assets/images/hexstack-icon.svg")
  await page.getByTestId("theme-button").click()
  await page.getByTestId("dark-mode").click()
  await expect(mark).toHaveAttribute("src", "/assets/images/hexstack-icon-light.svg")
  expect(await mark.evaluate((img) => (img as HTMLImageElement).naturalWidth)).toBeGreaterThan(0)
})
