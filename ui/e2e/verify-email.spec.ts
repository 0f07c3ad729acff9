import {
  createUser,
  expect,
  failLogin,
  httpError,
  logInUser,
  randomEmail,
  randomPassword,
  signUpNewUser,
  signUpUser,
  test,
  verificationLinks,
  waitForVerificationLink,
} from "./fixtures"

// Email verification on the main server (EMAIL_VERIFICATION=optional, the default): a sign-up
// gets a link by mail and can use the app meanwhile, with a banner asking to verify.
test.use({ storageState: { cookies: [], origins: [] } })

test("The sign-up email's link verifies the email and the banner goes", async ({ page }) => {
  const email = randomEmail()
  const password = randomPassword()
  await signUpNewUser(page, "Verify Me", email, password)
  await logInUser(page, email, password)
  const banner = page.getByTestId("verify-email-banner")
  await expect(banner).toContainText(`Your email address ${email} is not verified yet`)

  // opened in the browser where the user is logged in
  await page.goto(await waitForVerificationLink(email))
  await expect(page).toHaveTitle("Verify Email - hexstack")
  await expect(page.getByRole("heading", { name: "Email verified" })).toBeVisible()
  await page.getByRole("link", { name: "Continue to the app" }).click()
  await page.waitForURL("/")
  await expect(page.getByText("Welcome back, nice to see you again!")).toBeVisible()
  await expect(banner).toHaveCount(0)
  await page.reload()
  await expect(page.getByText("Welcome back, nice to see you again!")).toBeVisible()
  await expect(banner).toHaveCount(0)
})

test("A used or invalid link says so and offers to log in", async ({ page, allowErrors }) => {
  allowErrors(httpError(400))
  await page.goto("/verify-email?token=invalidtoken")
  await expect(page).toHaveTitle("Verify Email - hexstack")
  await expect(page.getByRole("heading", { name: "Invalid link" })).toBeVisible()
  await expect(
    page.getByText("This verification link is invalid, already used or expired."),
  ).toBeVisible()
  await page.getByRole("link", { name: "Log in" }).click()
  await page.waitForURL("/login")
})

test("Resend in the banner sends a new link that works", async ({ page }) => {
  const user = await signUpUser(page)
  // the sign-up's email first, so that the next one is the banner's
  await waitForVerificationLink(user.email)
  await logInUser(page, user.email, user.password)
  await page.getByTestId("verify-email-banner").getByRole("button", { name: "Resend" }).click()
  await expect(page.getByText("Verification email sent")).toBeVisible()
  const link = await waitForVerificationLink(user.email, { count: 2 })
  expect(verificationLinks(user.email, process.env.E2E_DATA_DIR ?? "")).toHaveLength(2)

  await page.goto(link)
  await expect(page.getByRole("heading", { name: "Email verified" })).toBeVisible()
  await page.getByRole("link", { name: "Continue to the app" }).click()
  await expect(page.getByText("Welcome back, nice to see you again!")).toBeVisible()
  await expect(page.getByTestId("verify-email-banner")).toHaveCount(0)
})

test("Settings > Security activity lists the account's logins", async ({ page }) => {
  const user = await createUser(page)
  await failLogin(page, user.email)
  await logInUser(page, user.email, user.password)
  // created through the private API: verified, no banner
  await expect(page.getByTestId("verify-email-banner")).toHaveCount(0)
  await page.goto("/settings")
  await page.getByRole("tab", { name: "Security activity" }).click()
  const rows = page.getByRole("tabpanel").getByRole("row")
  // header + login + failed login + creation, newest first
  await expect(rows).toHaveCount(4)
  await expect(rows.nth(1)).toContainText("Logged in")
  await expect(rows.nth(1)).toContainText("You")
  await expect(rows.nth(1)).toContainText("127.0.0.1")
  await expect(rows.nth(1)).toContainText("Chrome")
  await expect(rows.nth(1)).toContainText("Browser session")
  await expect(rows.nth(2)).toContainText("Login failed")
  await expect(rows.nth(2)).toContainText(`${user.email}: wrong password`)
  await expect(rows.nth(3)).toContainText("Account created")

  await page.getByLabel("Event").selectOption({ label: "Login failed" })
  await expect(rows).toHaveCount(2)
  await expect(rows.nth(1)).toContainText("Login failed")
})
