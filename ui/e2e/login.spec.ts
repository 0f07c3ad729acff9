import {
  createUser,
  expect,
  httpError,
  logInUser,
  logOutUser,
  randomPassword,
  superuser,
  test,
} from "./fixtures"

test.use({ storageState: { cookies: [], origins: [] } })

test("Inputs are visible, empty and editable", async ({ page }) => {
  await page.goto("/login")
  await expect(page).toHaveTitle("Log In - hexstack")
  for (const id of ["email-input", "password-input"]) {
    const input = page.getByTestId(id)
    await expect(input).toBeVisible()
    await expect(input).toHaveText("")
    await expect(input).toBeEditable()
  }
})

test("Log In button is visible", async ({ page }) => {
  await page.goto("/login")
  await expect(page.getByRole("button", { name: "Log In" })).toBeVisible()
})

test("Forgot Password link is visible", async ({ page }) => {
  await page.goto("/login")
  await expect(page.getByRole("link", { name: "Forgot your password?" })).toBeVisible()
})

test("Log in with valid email and password", async ({ page }) => {
  await page.goto("/login")
  await page.getByTestId("email-input").fill(superuser.email)
  await page.getByTestId("password-input").fill(superuser.password)
  await page.getByRole("button", { name: "Log In" }).click()
  await page.waitForURL("/")
  await expect(page.getByText("Welcome back, nice to see you again!")).toBeVisible()
  await expect(page).toHaveTitle("Dashboard - hexstack")
})

test("Log in with invalid email", async ({ page }) => {
  await page.goto("/login")
  await page.getByTestId("email-input").fill("invalidemail")
  await page.getByTestId("password-input").fill("changethis")
  await page.getByRole("button", { name: "Log In" }).click()
  await expect(page.getByText("Invalid email address")).toBeVisible()
})

test("Log in with invalid password", async ({ page, allowErrors }) => {
  allowErrors(httpError(400))
  await page.goto("/login")
  await page.getByTestId("email-input").fill(superuser.email)
  await page.getByTestId("password-input").fill(randomPassword())
  await page.getByRole("button", { name: "Log In" }).click()
  await expect(page.getByText("Incorrect email or password")).toBeVisible()
  await expect(page).toHaveURL("/login")
})

// Failed logins are limited per account: 5 in 5 minutes, after which even the right password is
// answered 429 until the window ends. A fresh account, so that no other test is locked out.
test("Repeated wrong passwords lock the account for a while", async ({ page, allowErrors }) => {
  allowErrors(httpError(400), httpError(429))
  const user = await createUser(page)
  await page.goto("/login")
  await page.getByTestId("email-input").fill(user.email)
  const attempt = async (password: string, status: number) => {
    await page.getByTestId("password-input").fill(password)
    const [response] = await Promise.all([
      page.waitForResponse(
        (res) => res.url().endsWith("/api/v1/login/session") && res.request().method() === "POST",
      ),
      page.getByRole("button", { name: "Log In" }).click(),
    ])
    expect(response.status()).toBe(status)
  }
  const closeToast = async () => {
    await page.getByRole("button", { name: "Close toast" }).click()
    await expect(page.getByRole("button", { name: "Close toast" })).toHaveCount(0)
  }
  for (let i = 0; i < 5; i++) {
    await attempt(randomPassword(), 400)
    await expect(page.getByText("Incorrect email or password")).toBeVisible()
    await closeToast()
  }
  await attempt(user.password, 429)
  await expect(page.getByText(/Too many attempts, try again in \d+ seconds/)).toBeVisible()
  await expect(page.getByText("Incorrect email or password")).toHaveCount(0)
  await expect(page).toHaveURL("/login")
})

test("Successful log out", async ({ page }) => {
  await logInUser(page, superuser.email, superuser.password)
  await logOutUser(page)
  await expect(page).toHaveURL("/login")
})

test("Logged-out user cannot access protected routes", async ({ page }) => {
  await logInUser(page, superuser.email, superuser.password)
  await logOutUser(page)
  await page.goto("/settings")
  await page.waitForURL("/login")
  await expect(page).toHaveURL("/login")
})

// The token lives in memory now; a token that an earlier version left in localStorage (here a
// wrong one) is deleted on start and never sent.
for (const path of ["/settings", "/admin"]) {
  test(`Redirects to /login when token is wrong (${path})`, async ({ page, allowErrors }) => {
    allowErrors(httpError(403), httpError(401), /net::ERR_ABORTED/)
    const sent: string[] = []
    page.on("request", (req) => {
      const auth = req.headers().authorization
      if (auth) sent.push(auth)
    })
    await page.goto("/login")
    await page.evaluate(() => localStorage.setItem("access_token", "invalid_token"))
    await page.goto(path)
    await page.waitForURL("/login")
    await expect(page.getByRole("heading", { name: "Login to your account" })).toBeVisible()
    expect(await page.evaluate(() => localStorage.getItem("access_token"))).toBeNull()
    expect(sent).toEqual([])
  })
}

test("Logged-in users visiting /login go to /", async ({ page }) => {
  await logInUser(page, superuser.email, superuser.password)
  for (const path of ["/login", "/signup", "/recover-password", "/reset-password?token=x"]) {
    await page.goto(path)
    await page.waitForURL("/")
  }
})

test("Unknown paths show the not-found page", async ({ page }) => {
  await page.goto("/no-such-page")
  await expect(page.getByTestId("not-found")).toBeVisible()
  await expect(page.getByText("The page you are looking for was not found.")).toBeVisible()
  await page.getByRole("link", { name: "Go Back" }).click()
  await page.waitForURL("/login")
})
