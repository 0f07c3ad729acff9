import {
  expect,
  httpError,
  randomEmail,
  randomPassword,
  signUpNewUser,
  test,
  waitForVerificationLink,
} from "./fixtures"

// Against the second server of playwright.config.ts, started with EMAIL_VERIFICATION=required:
// an unverified account cannot log in; the refused login sends a new link.
test.use({ baseURL: process.env.E2E_REQUIRED_URL, storageState: { cookies: [], origins: [] } })

const dataDir = process.env.E2E_REQUIRED_DATA_DIR ?? ""

test("A login before verifying is explained; the emailed link lets the user in", async ({
  page,
  allowErrors,
}) => {
  allowErrors(httpError(400))
  const email = randomEmail()
  const password = randomPassword()
  await signUpNewUser(page, "Required Verification", email, password)
  await waitForVerificationLink(email, { dataDir })

  await page.getByTestId("email-input").fill(email)
  await page.getByTestId("password-input").fill(password)
  await page.getByRole("button", { name: "Log In" }).click()
  await expect(page.getByTestId("email-not-verified")).toHaveText(
    "Your email is not verified yet. We sent a new verification link to your address: open it, then log in.",
  )
  // no error toast besides
  await expect(page.getByText("Something went wrong!")).toHaveCount(0)
  await expect(page).toHaveURL("/login")

  // the refused login sent a second link
  await page.goto(await waitForVerificationLink(email, { dataDir, count: 2 }))
  await expect(page.getByRole("heading", { name: "Email verified" })).toBeVisible()
  await page.getByRole("link", { name: "Log in" }).click()
  await page.waitForURL("/login")
  await page.getByTestId("email-input").fill(email)
  await page.getByTestId("password-input").fill(password)
  await page.getByRole("button", { name: "Log In" }).click()
  await page.waitForURL("/")
  await expect(page.getByText("Welcome back, nice to see you again!")).toBeVisible()
  await expect(page.getByTestId("verify-email-banner")).toHaveCount(0)
})
