import { logInUser, superuser, test } from "./fixtures"

test("authenticate", async ({ page }) => {
  await logInUser(page, superuser.email, superuser.password)
  await page.context().storageState({ path: "playwright/.auth/user.json" })
})
