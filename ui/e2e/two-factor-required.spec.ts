import type { APIRequestContext } from "@playwright/test"
import { expect, httpError, randomEmail, randomPassword, superuser, test } from "./fixtures"
import { totp } from "./totp"

// Against the third server of playwright.config.ts, started with
// TWO_FACTOR_REQUIRED_FOR_SUPERUSERS=true: a superuser without two-factor is refused everything
// but the enrolment (403 "Two-factor enrolment required") and is sent to enrol, not logged out.
test.use({ baseURL: process.env.E2E_TWO_FACTOR_URL, storageState: { cookies: [], origins: [] } })

/** Enrols the logged-in account of `headers` through the API. */
async function enrolThroughApi(request: APIRequestContext, headers: Record<string, string>) {
  const start = await request.post("/api/v1/users/me/two-factor/totp", { headers })
  expect(start.status(), await start.text()).toBe(200)
  const { secret } = await start.json()
  const confirm = await request.post("/api/v1/users/me/two-factor/totp/confirm", {
    headers,
    data: { code: totp(secret) },
  })
  expect(confirm.status(), await confirm.text()).toBe(200)
}

/** A new superuser, created by the first one (who must enrol first on this server). */
async function createSuperuser(request: APIRequestContext) {
  const login = await request.post("/api/v1/login/access-token", {
    form: { username: superuser.email, password: superuser.password },
  })
  expect(login.status(), await login.text()).toBe(200)
  const headers = { Authorization: `Bearer ${(await login.json()).access_token}` }
  const fresh = { email: randomEmail(), password: randomPassword(), is_superuser: true }
  const create = () => request.post("/api/v1/users/", { headers, data: fresh })
  let res = await create()
  if (res.status() === 403) {
    expect(await res.json()).toEqual({ detail: "Two-factor enrolment required" })
    await enrolThroughApi(request, headers)
    res = await create()
  }
  expect(res.status(), await res.text()).toBe(200)
  return fresh
}

test("A superuser without two-factor is sent to enrol, enrols and reaches the dashboard", async ({
  page,
  allowErrors,
}) => {
  // the refused requests of the app before it leaves for the enrolment page
  allowErrors(httpError(403))
  const admin = await createSuperuser(page.request)

  await page.goto("/login")
  await page.getByTestId("email-input").fill(admin.email)
  await page.getByTestId("password-input").fill(admin.password)
  await page.getByRole("button", { name: "Log In" }).click()
  await page.waitForURL("/two-factor-setup")
  await expect(page).toHaveTitle("Two-Factor Setup - hexstack")
  await expect(
    page.getByRole("heading", { name: "Set up two-factor authentication" }),
  ).toBeVisible()

  // a reload keeps the session, and the page
  await page.reload()
  await page.getByRole("button", { name: "Set up two-factor" }).click()
  await expect(page.getByRole("img", { name: "QR code for your authenticator app" })).toBeVisible()
  const secret = (await page.getByTestId("totp-secret").innerText()).replace(/\s/g, "")
  await page.getByLabel("Authentication code").fill(totp(secret))
  await page.getByRole("button", { name: "Confirm" }).click()
  await expect(
    page.getByRole("list", { name: "Recovery codes" }).getByRole("listitem"),
  ).toHaveCount(10)
  await page.getByRole("button", { name: "Continue to the app" }).click()
  await page.waitForURL("/")
  await expect(page.getByText("Welcome back, nice to see you again!")).toBeVisible()

  // the whole app answers now, the superuser's pages included
  await page.getByRole("link", { name: "Admin" }).click()
  await page.waitForURL("/admin")
  await expect(page.getByRole("row").filter({ hasText: admin.email })).toBeVisible()
})
