import {
  expect,
  httpError,
  logInUser,
  randomEmail,
  randomPassword,
  signUpNewUser,
  test,
  waitForResetLink,
} from "./fixtures"

test.use({ storageState: { cookies: [], origins: [] } })

test("Password Recovery title is visible", async ({ page }) => {
  await page.goto("/recover-password")
  await expect(page).toHaveTitle("Recover Password - hexstack")
  await expect(page.getByRole("heading", { name: "Password Recovery" })).toBeVisible()
})

test("Input is visible, empty and editable", async ({ page }) => {
  await page.goto("/recover-password")
  const input = page.getByTestId("email-input")
  await expect(input).toBeVisible()
  await expect(input).toHaveText("")
  await expect(input).toBeEditable()
})

test("Continue button is visible", async ({ page }) => {
  await page.goto("/recover-password")
  await expect(page.getByRole("button", { name: "Continue" })).toBeVisible()
})

test("User can reset password successfully using the link", async ({ page }) => {
  const email = randomEmail()
  const password = randomPassword()
  const newPassword = randomPassword()
  await signUpNewUser(page, "Test User", email, password)

  await page.goto("/recover-password")
  await page.getByTestId("email-input").fill(email)
  await page.getByRole("button", { name: "Continue" }).click()
  await expect(page.getByText("Password recovery email sent successfully")).toBeVisible()
  await expect(page.getByTestId("email-input")).toHaveValue("")

  const link = await waitForResetLink(email)
  await page.goto(link)
  await expect(page).toHaveTitle("Reset Password - hexstack")
  await page.getByTestId("new-password-input").fill(newPassword)
  await page.getByTestId("confirm-password-input").fill(newPassword)
  await page.getByRole("button", { name: "Reset Password" }).click()
  await expect(page.getByText("Password updated successfully")).toBeVisible()
  await page.waitForURL("/login")

  await logInUser(page, email, newPassword)
})

test("Expired or invalid reset link", async ({ page, allowErrors }) => {
  allowErrors(httpError(400))
  const password = randomPassword()
  await page.goto("/reset-password?token=invalidtoken")
  await page.getByTestId("new-password-input").fill(password)
  await page.getByTestId("confirm-password-input").fill(password)
  await page.getByRole("button", { name: "Reset Password" }).click()
  await expect(page.getByText("Invalid token")).toBeVisible()
})

test("Weak new password validation", async ({ page }) => {
  const email = randomEmail()
  await signUpNewUser(page, "Test User", email, randomPassword())
  await page.goto("/recover-password")
  await page.getByTestId("email-input").fill(email)
  await page.getByRole("button", { name: "Continue" }).click()
  await expect(page.getByText("Password recovery email sent successfully")).toBeVisible()

  await page.goto(await waitForResetLink(email))
  await page.getByTestId("new-password-input").fill("123")
  await page.getByTestId("confirm-password-input").fill("123")
  await page.getByRole("button", { name: "Reset Password" }).click()
  await expect(page.getByText("Password must be at least 8 characters")).toBeVisible()
})

test("Reset link without a token goes to /login", async ({ page }) => {
  await page.goto("/reset-password")
  await page.waitForURL("/login")
})
