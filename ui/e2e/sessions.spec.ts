import type { BrowserContext, Page } from "@playwright/test"
import {
  createUser,
  expect,
  httpError,
  logInUser,
  logOutUser,
  randomPassword,
  superuser,
  test,
  webStorage,
} from "./fixtures"

// Sessions (issue 17): the access token lives in the page's memory, the session in an HttpOnly
// refresh cookie. Each test logs in by itself; "another browser" is a second browser context.
test.use({ storageState: { cookies: [], origins: [] } })

const JWT = /[\w-]{8,}\.[\w-]{8,}\.[\w-]{8,}/

async function otherPage(context: BrowserContext, email: string, password: string) {
  const page = await context.newPage()
  await logInUser(page, email, password)
  return page
}

/** A request that needs the session: a client-side visit of the Items page. */
async function openItems(page: Page) {
  await page.getByRole("link", { name: "Items" }).click()
}

/** A new user logged in twice: in `page` and in a page of the other browser `context`. */
async function inTwoBrowsers(page: Page, context: BrowserContext) {
  const user = await createUser(page)
  await logInUser(page, user.email, user.password)
  const other = await otherPage(context, user.email, user.password)
  return { user, other }
}

/** `page` finds itself logged out on its next request. */
async function expectLoggedOutOnNextRequest(page: Page) {
  await openItems(page)
  await page.waitForURL("/login")
}

async function openSessionsTab(page: Page) {
  await page.goto("/settings")
  await page.getByRole("tab", { name: "Sessions" }).click()
}

test("A reload keeps you logged in, without a glimpse of the login page", async ({ page }) => {
  const user = await createUser(page)
  await logInUser(page, user.email, user.password)
  // records whether the login form was ever in the DOM of a document
  await page.addInitScript(() => {
    const w = window as unknown as { sawLogin: boolean }
    w.sawLogin = false
    new MutationObserver(() => {
      if (document.body?.textContent?.includes("Login to your account")) w.sawLogin = true
    }).observe(document, { childList: true, subtree: true, characterData: true })
  })
  for (const path of ["/", "/settings"]) {
    await page.goto(path)
    await expect(page.getByText(user.email).first()).toBeVisible()
    expect(new URL(page.url()).pathname).toBe(path)
    expect(await page.evaluate(() => (window as unknown as { sawLogin: boolean }).sawLogin)).toBe(
      false,
    )
  }
  await page.reload()
  await expect(page.getByRole("heading", { name: "User Settings" })).toBeVisible()
})

test("Tabs of one browser renewing at once share the session", async ({ page }) => {
  // the refresh cookie is single-use: without the cross-tab lock, two tabs presenting the same
  // cookie at once would look like a stolen cookie to the server, which then ends the session
  const user = await createUser(page)
  await logInUser(page, user.email, user.password)
  // hold each refresh answer (and its new cookie) back a little, so that the tabs' renewals
  // would overlap
  await page.context().route("**/api/v1/login/refresh", async (route) => {
    // a connection of its own each time: a pooled one the server has just closed as idle would
    // fail the fetch (ECONNRESET) after the server may already have rotated the cookie
    const headers = { ...route.request().headers(), connection: "close" }
    const response = await route.fetch({ headers })
    await new Promise((r) => setTimeout(r, 300))
    await route.fulfill({ response })
  })
  const tabs = [page, await page.context().newPage(), await page.context().newPage()]
  for (let round = 0; round < 3; round++) {
    await Promise.all(tabs.map((tab) => tab.goto("/items")))
    for (const tab of tabs) {
      await expect(tab.getByText("You don't have any items yet")).toBeVisible()
    }
  }
})

test("Nothing token-like is kept in localStorage or sessionStorage", async ({ page }) => {
  const user = await createUser(page)
  const login = page.waitForResponse("**/api/v1/login/session")
  await logInUser(page, user.email, user.password)
  const { access_token } = await (await login).json()
  expect(access_token).toMatch(JWT)
  const refreshed = page.waitForResponse("**/api/v1/login/refresh")
  await page.reload()
  const renewed = (await (await refreshed).json()).access_token
  await expect(page.getByText("Welcome back, nice to see you again!")).toBeVisible()

  for (const entry of await webStorage(page)) {
    expect(entry).not.toMatch(JWT)
    expect(entry).not.toContain(access_token)
    expect(entry).not.toContain(renewed)
    expect(entry.toLowerCase()).not.toContain("token")
  }
  // the refresh cookie exists but scripts cannot read it
  const cookies = await page.context().cookies()
  const refresh = cookies.filter((c) => c.path === "/api/v1/login")
  expect(refresh).toHaveLength(1)
  expect(refresh[0]).toMatchObject({ httpOnly: true, sameSite: "Strict" })
  expect(await page.evaluate(() => document.cookie)).not.toContain(refresh[0].name)
})

test("Logging out in one browser leaves the other logged in", async ({ page, otherContext }) => {
  const { other } = await inTwoBrowsers(page, otherContext)
  await logOutUser(page)
  await page.reload()
  await expect(page.getByRole("heading", { name: "Login to your account" })).toBeVisible()

  await openItems(other)
  await expect(other.getByText("You don't have any items yet")).toBeVisible()
  await other.reload()
  await expect(other.getByText("You don't have any items yet")).toBeVisible()
  expect(new URL(other.url()).pathname).toBe("/items")
})

test("Log out everywhere else logs the other browser out on its next request", async ({
  page,
  otherContext,
  allowErrors,
}) => {
  allowErrors(httpError(403), /net::ERR_ABORTED/)
  const { other } = await inTwoBrowsers(page, otherContext)

  await openSessionsTab(page)
  const rows = page.getByTestId("session")
  await expect(rows).toHaveCount(2)
  const current = rows.filter({ hasText: "This device" })
  await expect(current).toHaveCount(1)
  await expect(current).toContainText("Chrome")
  await expect(current).toContainText("Last used")
  await expect(current.getByRole("button", { name: "End session" })).toHaveCount(0)
  await page.getByRole("button", { name: "Log out everywhere else" }).click()
  await expect(page.getByText("You were logged out everywhere else")).toBeVisible()
  await expect(rows).toHaveCount(1)

  await expectLoggedOutOnNextRequest(other)
  await expect(other.getByRole("heading", { name: "Login to your account" })).toBeVisible()
  // this browser stays logged in
  await page.reload()
  await expect(page.getByRole("heading", { name: "User Settings" })).toBeVisible()
})

test("Ending one session from the list logs that browser out", async ({
  page,
  otherContext,
  allowErrors,
}) => {
  allowErrors(httpError(403), /net::ERR_ABORTED/)
  const { other } = await inTwoBrowsers(page, otherContext)
  await openSessionsTab(page)
  const rows = page.getByTestId("session")
  await expect(rows).toHaveCount(2)
  await rows
    .filter({ hasNotText: "This device" })
    .getByRole("button", { name: "End session" })
    .click()
  await expect(page.getByText("The session was ended")).toBeVisible()
  await expect(rows).toHaveCount(1)
  await expectLoggedOutOnNextRequest(other)
})

test("A password change logs the other browser out", async ({
  page,
  otherContext,
  allowErrors,
}) => {
  allowErrors(httpError(403), /net::ERR_ABORTED/)
  const { user, other } = await inTwoBrowsers(page, otherContext)

  const newPassword = randomPassword()
  await page.goto("/settings")
  await page.getByRole("tab", { name: "Password" }).click()
  await page.getByTestId("current-password-input").fill(user.password)
  await page.getByTestId("new-password-input").fill(newPassword)
  await page.getByTestId("confirm-password-input").fill(newPassword)
  await page.getByRole("button", { name: "Update Password" }).click()
  await expect(page.getByText("Password updated successfully")).toBeVisible()

  await expectLoggedOutOnNextRequest(other)
  // the browser that changed it keeps its session
  await page.reload()
  await expect(page.getByRole("heading", { name: "User Settings" })).toBeVisible()
  await logInUser(other, user.email, newPassword)
})

test("An admin's End all sessions logs the user out everywhere", async ({
  page,
  otherContext,
  allowErrors,
}) => {
  allowErrors(httpError(403), /net::ERR_ABORTED/)
  const user = await createUser(page)
  const other = await otherPage(otherContext, user.email, user.password)
  await logInUser(page, superuser.email, superuser.password)
  await page.goto("/admin")
  const row = page.getByRole("row").filter({ hasText: user.email })
  await row.getByRole("button", { name: "Actions" }).click()
  await page.getByRole("menuitem", { name: "End all sessions" }).click()
  const dialog = page.getByRole("dialog", { name: "End All Sessions" })
  await expect(dialog).toContainText(user.email)
  await dialog.getByRole("button", { name: "End sessions" }).click()
  await expect(page.getByText("All sessions of the user were ended")).toBeVisible()
  await expect(dialog).toHaveCount(0)
  await expectLoggedOutOnNextRequest(other)
  // the admin's own session is untouched
  await page.reload()
  await expect(page.getByRole("heading", { name: "Users" })).toBeVisible()
})
