import { expect, httpError, randomEmail, randomPassword, test } from "./fixtures"

test.use({ storageState: { cookies: [], origins: [] } })

async function fillForm(
  page: import("@playwright/test").Page,
  name: string,
  email: string,
  password: string,
  confirm: string,
) {
  await page.getByTestId("full-name-input").fill(name)
  await page.getByTestId("email-input").fill(email)
  await page.getByTestId("password-input").fill(password)
  await page.getByTestId("confirm-password-input").fill(confirm)
}

test("Inputs are visible, empty and editable", async ({ page }) => {
  await page.goto("/signup")
  await expect(page).toHaveTitle("Sign Up - hexstack")
  for (const id of ["full-name-input", "email-input", "password-input", "confirm-password-input"]) {
    const input = page.getByTestId(id)
    await expect(input).toBeVisible()
    await expect(input).toHaveText("")
    await expect(input).toBeEditable()
  }
})

test("Sign Up button is visible", async ({ page }) => {
  await page.goto("/signup")
  await expect(page.getByRole("button", { name: "Sign Up" })).toBeVisible()
})

test("Log In link is visible", async ({ page }) => {
  await page.goto("/signup")
  await expect(page.getByRole("link", { name: "Log In" })).toBeVisible()
})

test("Sign up with valid name, email, and password", async ({ page }) => {
  await page.goto("/signup")
  const password = randomPassword()
  await fillForm(page, "Playwright Test", randomEmail(), password, password)
  await page.getByRole("button", { name: "Sign Up" }).click()
  await page.waitForURL("/login")
})

test("Sign up with invalid email", async ({ page }) => {
  await page.goto("/signup")
  const password = randomPassword()
  await fillForm(page, "Playwright Test", "invalid-email", password, password)
  await page.getByRole("button", { name: "Sign Up" }).click()
  await expect(page.getByText("Invalid email address")).toBeVisible()
})

test("Sign up with existing email", async ({ page, allowErrors }) => {
  allowErrors(httpError(400))
  const email = randomEmail()
  const password = randomPassword()
  await page.goto("/signup")
  await fillForm(page, "Playwright Test", email, password, password)
  await page.getByRole("button", { name: "Sign Up" }).click()
  await page.waitForURL("/login")
  await page.goto("/signup")
  await fillForm(page, "Playwright Test", email, password, password)
  await page.getByRole("button", { name: "Sign Up" }).click()
  await expect(
    page.getByText("The user with this email already exists in the system"),
  ).toBeVisible()
})

test("Sign up with weak password", async ({ page }) => {
  await page.goto("/signup")
  await fillForm(page, "Playwright Test", randomEmail(), "weak", "weak")
  await page.getByRole("button", { name: "Sign Up" }).click()
  await expect(page.getByText("Password must be at least 8 characters")).toBeVisible()
})

test("Sign up with mismatched passwords", async ({ page }) => {
  await page.goto("/signup")
  await fillForm(page, "Playwright Test", randomEmail(), randomPassword(), randomPassword())
  await page.getByRole("button", { name: "Sign Up" }).click()
  await expect(page.getByText("The passwords don't match")).toBeVisible()
})

test("Sign up with missing full name", async ({ page }) => {
  await page.goto("/signup")
  const password = randomPassword()
  await fillForm(page, "", randomEmail(), password, password)
  await page.getByRole("button", { name: "Sign Up" }).click()
  await expect(page.getByText("Full Name is required")).toBeVisible()
})

test("Sign up with missing email", async ({ page }) => {
  await page.goto("/signup")
  const password = randomPassword()
  await fillForm(page, "Playwright Test", "", password, password)
  await page.getByRole("button", { name: "Sign Up" }).click()
  await expect(page.getByText("Invalid email address")).toBeVisible()
})

test("Sign up with missing password", async ({ page }) => {
  await page.goto("/signup")
  await fillForm(page, "", randomEmail(), "", "")
  await page.getByRole("button", { name: "Sign Up" }).click()
  await expect(page.getByText("Password is required")).toBeVisible()
})
