import { readFileSync } from "node:fs"
import type { Page } from "@playwright/test"
import {
  createUser,
  expect,
  httpError,
  logInUser,
  logOutUser,
  randomPassword,
  test,
} from "./fixtures"
import { stepOf, totp, waitForStepAfter } from "./totp"

// Two-factor (TOTP) against the real server: the codes are computed here from the secret the
// page shows (e2e/totp.ts), as an authenticator app would.

/** The password step of the login, answered 401 "Two-factor code required". */
async function passwordStep(page: Page, email: string, password: string) {
  await page.goto("/login")
  await page.getByTestId("email-input").fill(email)
  await page.getByTestId("password-input").fill(password)
  await page.getByRole("button", { name: "Log In" }).click()
  await expect(page.getByRole("heading", { name: "Two-factor authentication" })).toBeVisible()
}

async function expectDashboard(page: Page) {
  await page.waitForURL("/")
  await expect(page.getByText("Welcome back, nice to see you again!")).toBeVisible()
}

/** Two-factor turned on through the API for `user`; answers the secret. */
async function enableThroughApi(page: Page, user: { email: string; password: string }) {
  const login = await page.request.post("/api/v1/login/access-token", {
    form: { username: user.email, password: user.password },
  })
  const headers = { Authorization: `Bearer ${(await login.json()).access_token}` }
  const start = await page.request.post("/api/v1/users/me/two-factor/totp", { headers })
  expect(start.status(), await start.text()).toBe(200)
  const { secret } = await start.json()
  const confirm = await page.request.post("/api/v1/users/me/two-factor/totp/confirm", {
    headers,
    data: { code: totp(secret) },
  })
  expect(confirm.status(), await confirm.text()).toBe(200)
  return secret as string
}

test.describe("a user's own two-factor", () => {
  test.use({ storageState: { cookies: [], origins: [] } })

  test("Enable in Settings, log in with a code and with a recovery code, disable", async ({
    page,
    context,
    allowErrors,
  }) => {
    // two logins with codes, and a wait for the next 30-s step between two codes
    test.setTimeout(120_000)
    // the password step's 401 (code required) and the refused used recovery code's 400
    allowErrors(httpError(401), httpError(400))
    await context.grantPermissions(["clipboard-read", "clipboard-write"])
    const user = await createUser(page, { password: randomPassword() })
    await logInUser(page, user.email, user.password)

    await page.goto("/settings")
    await page.getByRole("tab", { name: "Two-factor" }).click()
    await expect(page.getByTestId("two-factor-status")).toHaveText("Off")
    await page.getByRole("button", { name: "Enable" }).click()
    await expect(
      page.getByRole("img", { name: "QR code for your authenticator app" }),
    ).toBeVisible()
    const secret = (await page.getByTestId("totp-secret").innerText()).replace(/\s/g, "")
    expect(secret).toMatch(/^[A-Z2-7]{16,}$/)
    const confirmedAt = Date.now()
    await page.getByLabel("Authentication code").fill(totp(secret, confirmedAt))
    await page.getByRole("button", { name: "Confirm" }).click()

    const list = page.getByRole("list", { name: "Recovery codes" })
    await expect(list.getByRole("listitem")).toHaveCount(10)
    const codes = await list.getByRole("listitem").allInnerTexts()
    await page.getByRole("button", { name: "Copy" }).click()
    await expect(page.getByText("Recovery codes copied")).toBeVisible()
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(codes.join("\n"))
    const downloading = page.waitForEvent("download")
    await page.getByRole("button", { name: "Download" }).click()
    const download = await downloading
    expect(download.suggestedFilename()).toBe("hexstack-recovery-codes.txt")
    const text = readFileSync(await download.path(), "utf8")
    for (const code of codes) expect(text).toContain(`\n${code}\n`)
    await page.getByRole("button", { name: "Done" }).click()
    await expect(page.getByTestId("two-factor-status")).toHaveText("On")

    // a recovery code in place of the app's
    await logOutUser(page)
    await passwordStep(page, user.email, user.password)
    await page.getByRole("button", { name: "Use a recovery code" }).click()
    await page.getByLabel("Recovery code").fill(codes[0])
    await page.getByRole("button", { name: "Verify" }).click()
    await expectDashboard(page)

    // that code is used up; the app's code (of a later step than the enrolment's) works
    await logOutUser(page)
    await passwordStep(page, user.email, user.password)
    await page.getByRole("button", { name: "Use a recovery code" }).click()
    await page.getByLabel("Recovery code").fill(codes[0])
    await page.getByRole("button", { name: "Verify" }).click()
    await expect(page.getByRole("alert")).toHaveText("Invalid two-factor code")
    await page.getByRole("button", { name: "Use the authenticator app" }).click()
    await waitForStepAfter(stepOf(confirmedAt))
    await page.getByLabel("Authentication code").fill(totp(secret))
    await page.getByRole("button", { name: "Verify" }).click()
    await expectDashboard(page)
    // the login is a session like any other: a reload keeps it
    await page.reload()
    await expect(page.getByText("Welcome back, nice to see you again!")).toBeVisible()

    await page.goto("/settings")
    await page.getByRole("tab", { name: "Two-factor" }).click()
    // new recovery codes, confirmed with an unused old one
    await page.getByRole("button", { name: "Regenerate recovery codes" }).click()
    const regenerate = page.getByRole("dialog", { name: "Regenerate Recovery Codes" })
    await regenerate.getByLabel("Code").fill(codes[1])
    await regenerate.getByRole("button", { name: "Regenerate" }).click()
    await expect(list.getByRole("listitem")).toHaveCount(10)
    const fresh = await list.getByRole("listitem").allInnerTexts()
    expect(fresh.filter((c) => codes.includes(c))).toEqual([])
    await page.getByRole("button", { name: "Done" }).click()

    await page.getByRole("button", { name: "Disable" }).click()
    const dialog = page.getByRole("dialog", { name: "Disable Two-Factor Authentication" })
    await dialog.getByLabel("Password", { exact: true }).fill(user.password)
    await dialog.getByRole("button", { name: "Disable" }).click()
    await expect(page.getByText("Two-factor authentication disabled")).toBeVisible()
    await expect(page.getByTestId("two-factor-status")).toHaveText("Off")

    // the password alone logs in again
    await logOutUser(page)
    await logInUser(page, user.email, user.password)
  })
})

test("A superuser resets a user's two-factor from the users table", async ({ page }) => {
  const user = await createUser(page)
  await enableThroughApi(page, user)
  await page.goto("/admin")
  const row = page.getByRole("row").filter({ hasText: user.email })
  await row.getByRole("button", { name: "Actions" }).click()
  await page.getByRole("menuitem", { name: "Reset two-factor" }).click()
  const dialog = page.getByRole("dialog", { name: "Reset Two-Factor Authentication" })
  await expect(dialog).toContainText(user.email)
  await dialog.getByRole("button", { name: "Reset two-factor" }).click()
  await expect(page.getByText("The user's two-factor authentication was reset")).toBeVisible()
  await expect(dialog).toHaveCount(0)
  // nothing left to reset
  await row.getByRole("button", { name: "Actions" }).click()
  await expect(page.getByRole("menuitem", { name: "Edit User" })).toBeVisible()
  await expect(page.getByRole("menuitem", { name: "Reset two-factor" })).toHaveCount(0)
  await page.keyboard.press("Escape")

  // and the password alone logs the user in
  const login = await page.request.post("/api/v1/login/access-token", {
    form: { username: user.email, password: user.password },
  })
  expect(login.status(), await login.text()).toBe(200)
  expect(await login.json()).toHaveProperty("access_token")
})
