import { createUser, expect, failLogin, signUpUser, test } from "./fixtures"

// The superuser's views of the audit log and of email verification (logged in as the superuser).

test("Activity lists every account's events, filtered by user and by kind", async ({ page }) => {
  const user = await createUser(page)
  await failLogin(page, user.email)
  const login = await page.request.post("/api/v1/login/access-token", {
    form: { username: user.email, password: user.password },
  })
  expect(login.status()).toBe(200)

  await page.goto("/admin")
  await page.getByRole("link", { name: "Activity" }).click()
  await page.waitForURL("/activity")
  await expect(page).toHaveTitle("Activity - hexstack")
  await expect(page.getByRole("heading", { name: "Activity" })).toBeVisible()
  const rows = page.getByRole("row")
  await expect(rows.nth(1)).toContainText(/\d{4}/)

  await page.getByLabel("User").selectOption({ label: user.email })
  const id = await page.getByLabel("User").inputValue()
  await expect(page).toHaveURL(new RegExp(`user_id=${id}`))
  // header + the login, the failed login and the creation, newest first
  await expect(rows).toHaveCount(4)
  await expect(rows.nth(1)).toContainText("Logged in")
  await expect(rows.nth(1)).toContainText("Access token")
  await expect(rows.nth(2)).toContainText("Login failed")
  await expect(rows.nth(3)).toContainText("Account created")
  for (const i of [1, 2, 3]) await expect(rows.nth(i)).toContainText(user.email)

  await page.getByLabel("Event").selectOption({ label: "Login failed" })
  await expect(page).toHaveURL(/kind=login_failed/)
  await expect(rows).toHaveCount(2)
  await expect(rows.nth(1)).toContainText(`${user.email}: wrong password`)

  // the filters are in the address: a reload keeps them
  await page.reload()
  await expect(page.getByLabel("Event")).toHaveValue("login_failed")
  await expect(rows).toHaveCount(2)

  // every account's failed logins
  await page.getByLabel("User").selectOption({ label: "All users" })
  await expect(page).not.toHaveURL(/user_id=/)
  // loaded (no skeleton rows left), then every row is one
  await expect(rows.nth(1)).toContainText("Login failed")
  const count = await rows.count()
  for (let i = 1; i < count; i++) await expect(rows.nth(i)).toContainText("Login failed")
})

test("A superuser marks a user's email verified", async ({ page }) => {
  const user = await signUpUser(page)
  await page.goto("/admin")
  const row = page.getByRole("row").filter({ hasText: user.email })
  await expect(row.getByText("Unverified", { exact: true })).toBeVisible()
  await row.getByRole("button", { name: "Actions" }).click()
  await page.getByRole("menuitem", { name: "Mark verified" }).click()
  const dialog = page.getByRole("dialog", { name: "Mark Email Verified" })
  await expect(dialog).toContainText(user.email)
  await dialog.getByRole("button", { name: "Mark verified" }).click()
  await expect(page.getByText("The email was marked verified")).toBeVisible()
  await expect(dialog).toHaveCount(0)
  await expect(row.getByText("Verified", { exact: true })).toBeVisible()
  await expect(row.getByText("Unverified", { exact: true })).toHaveCount(0)
  // nothing left to mark
  await row.getByRole("button", { name: "Actions" }).click()
  await expect(page.getByRole("menuitem", { name: "Edit User" })).toBeVisible()
  await expect(page.getByRole("menuitem", { name: "Mark verified" })).toHaveCount(0)
  await page.keyboard.press("Escape")

  // and the user, logging in, is not asked to verify
  const login = await page.request.post("/api/v1/login/access-token", {
    form: { username: user.email, password: user.password },
  })
  const { access_token } = await login.json()
  const security = await page.request.get("/api/v1/users/me/security", {
    headers: { Authorization: `Bearer ${access_token}` },
  })
  expect(await security.json()).toMatchObject({ email_verified: true })
})
