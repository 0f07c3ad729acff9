import { createUser, expect, httpError, logInUser, superuser, test } from "./fixtures"

test("Sidebar collapses to an icon rail and remembers it in a cookie", async ({ page }) => {
  await page.goto("/")
  await expect(page.getByText("Welcome back, nice to see you again!")).toBeVisible()
  await expect(page.getByRole("link", { name: "Items" })).toBeVisible()
  await page.getByRole("button", { name: "Collapse Sidebar" }).click()
  await expect(page.getByRole("button", { name: "Open Sidebar" })).toBeVisible()
  const cookies = await page.context().cookies()
  expect(cookies.find((c) => c.name === "sidebar_state")?.value).toBe("false")
  await page.reload()
  await expect(page.getByRole("button", { name: "Open Sidebar" })).toBeVisible()
  await page.keyboard.press("Control+b")
  await expect(page.getByRole("button", { name: "Collapse Sidebar" })).toBeVisible()
})

test("Dashboard greets the user and highlights the current entry", async ({ page }) => {
  await page.goto("/items")
  await expect(page.getByRole("link", { name: "Items" })).toHaveAttribute("aria-current", "page")
  await page.getByRole("link", { name: "Dashboard" }).click()
  await page.waitForURL("/")
  await expect(page.getByRole("heading", { name: `Hi, ${superuser.email} 👋` })).toBeVisible()
  await expect(page.getByRole("link", { name: "Dashboard" })).toHaveAttribute(
    "aria-current",
    "page",
  )
})

test.describe("Phone-sized screen", () => {
  test.use({ storageState: { cookies: [], origins: [] }, viewport: { width: 390, height: 844 } })

  test("The sidebar is an off-canvas sheet that closes after navigating", async ({ page }) => {
    const user = await createUser(page, { full_name: "Grace Brewster Hopper" })
    await logInUser(page, user.email, user.password)
    await expect(page.getByRole("heading", { name: "Hi, Grace Brewster Hopper 👋" })).toBeVisible()
    await expect(page.getByRole("link", { name: "Items" })).toHaveCount(0)
    await page.getByRole("button", { name: "Open Sidebar" }).click()
    const sheet = page.getByRole("dialog")
    await expect(sheet.getByTestId("user-menu")).toContainText("GB")
    await sheet.getByRole("link", { name: "Items" }).click()
    await page.waitForURL("/items")
    await expect(page.getByRole("dialog")).toHaveCount(0)
    await expect(page.getByText("You don't have any items yet")).toBeVisible()
  })
})

test.describe("Error page", () => {
  test.use({ storageState: { cookies: [], origins: [] } })

  test("A failing admin guard shows the error page and a 404 does not log out", async ({
    page,
    allowErrors,
  }) => {
    // GET /users/me answers 404 User not found (as for a token whose user is gone: deleting a
    // user now also ends its sessions, so the server itself answers 403 there) and the router
    // logs the guard's error
    allowErrors(httpError(404), /console error: ApiError: Request failed with status code 404/)
    const user = await createUser(page)
    await logInUser(page, user.email, user.password)
    await page.route("**/api/v1/users/me", (route) =>
      route.fulfill({ status: 404, json: { detail: "User not found" } }),
    )
    await page.goto("/admin")
    await expect(page.getByTestId("error-component")).toBeVisible()
    await expect(page.getByText("Something went wrong. Please try again.")).toBeVisible()
    // still logged in: home is the dashboard, not /login
    await page.unroute("**/api/v1/users/me")
    await page.getByRole("link", { name: "Go Home" }).click()
    await page.waitForURL("/")
    await expect(page.getByText("Welcome back, nice to see you again!")).toBeVisible()
  })
})

test.describe("Items table", () => {
  test.use({ permissions: ["clipboard-read", "clipboard-write"] })

  test("Copy ID puts the item's UUID on the clipboard", async ({ page }) => {
    await page.goto("/items")
    await page.getByRole("button", { name: "Add Item" }).click()
    await page.getByLabel("Title").fill("Copy me")
    await page.getByRole("button", { name: "Save" }).click()
    await expect(page.getByText("Item created successfully")).toBeVisible()
    const row = page.getByRole("row").filter({ hasText: "Copy me" }).first()
    await row.hover()
    await row.getByRole("button", { name: "Copy ID" }).click()
    const copied = await page.evaluate(() => navigator.clipboard.readText())
    expect(copied).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/)
    await expect(row).toContainText(copied)
  })
})
