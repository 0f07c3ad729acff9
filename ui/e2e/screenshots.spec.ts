import path from "node:path"
import type { Page } from "@playwright/test"
import { createUser, expect, logInUser, superuser, test } from "./fixtures"

// Screenshots of the main pages (light and dark), taken on every e2e run into test-results so a
// test run never rewrites tracked files; `npm run screenshots` refreshes the committed copies in
// docs/screenshots.
const OUT = process.env.UPDATE_SCREENSHOTS
  ? path.resolve(import.meta.dirname, "..", "..", "docs", "screenshots")
  : path.resolve(import.meta.dirname, "..", "test-results", "screenshots")

test.use({ storageState: { cookies: [], origins: [] }, viewport: { width: 1280, height: 800 } })

async function setTheme(page: Page, theme: "light" | "dark") {
  await page.addInitScript((t) => localStorage.setItem("vite-ui-theme", t), theme)
}

async function shoot(page: Page, name: string) {
  await page.mouse.move(0, 0)
  await page.screenshot({ path: path.join(OUT, `${name}.png`), animations: "disabled" })
}

for (const theme of ["light", "dark"] as const) {
  test(`screenshots (${theme})`, async ({ page }) => {
    await setTheme(page, theme)
    await page.goto("/login")
    await expect(page.getByRole("heading", { name: "Login to your account" })).toBeVisible()
    await expect(page.locator("html")).toHaveClass(theme)
    await shoot(page, `login-${theme}`)

    const user = await createUser(page, { full_name: "Ada Lovelace" })
    const login = await page.request.post("/api/v1/login/access-token", {
      form: { username: user.email, password: user.password },
    })
    const { access_token } = await login.json()
    const items = [
      ["Analytical Engine notes", "Translation of Menabrea's memoir with notes A to G"],
      ["Bernoulli numbers", "Note G: an algorithm for the engine"],
      ["Difference Engine", null],
      ["Poetical science", "Imagination is the discovering faculty"],
    ] as const
    for (const [title, description] of items) {
      const res = await page.request.post("/api/v1/items/", {
        data: { title, description },
        headers: { Authorization: `Bearer ${access_token}` },
      })
      expect(res.status()).toBe(200)
    }
    await logInUser(page, user.email, user.password)
    await page.goto("/items")
    await expect(page.getByText("Bernoulli numbers")).toBeVisible()
    await shoot(page, `items-${theme}`)

    await page.goto("/settings")
    await expect(page.getByRole("heading", { name: "User Settings" })).toBeVisible()
    await shoot(page, `settings-${theme}`)

    // this browser's session and the one of the API login above
    await page.getByRole("tab", { name: "Sessions" }).click()
    await expect(page.getByTestId("session")).toHaveCount(2)
    await shoot(page, `sessions-${theme}`)
  })

  test(`admin screenshot (${theme})`, async ({ page }) => {
    await setTheme(page, theme)
    await logInUser(page, superuser.email, superuser.password)
    await page.goto("/admin")
    await expect(page.getByRole("heading", { name: "Users" })).toBeVisible()
    await expect(page.getByRole("row")).not.toHaveCount(1)
    await shoot(page, `admin-${theme}`)
  })
}
