import type { Page } from "@playwright/test"
import {
  createUser,
  expect,
  logInUser,
  randomEmail,
  randomPassword,
  superuser,
  test,
} from "./fixtures"

test("Admin page is accessible and shows correct title", async ({ page }) => {
  await page.goto("/admin")
  await expect(page).toHaveTitle("Admin - hexstack")
  await expect(page.getByRole("heading", { name: "Users" })).toBeVisible()
  await expect(page.getByText("Manage user accounts and permissions")).toBeVisible()
  // the first superuser is the oldest account: last row of the last page (newest-first order)
  await expect(page.getByRole("cell").filter({ hasText: "@" }).first()).toBeVisible()
  const last = page.getByRole("button", { name: "Go to last page" })
  if (await last.isVisible()) await last.click()
  const me = page.getByRole("row").filter({ hasText: superuser.email })
  await expect(me.getByText("You", { exact: true })).toBeVisible()
  await expect(me.getByRole("button")).toHaveCount(0)
})

test("Add User button is visible", async ({ page }) => {
  await page.goto("/admin")
  await expect(page.getByRole("button", { name: "Add User" })).toBeVisible()
})

async function addUser(
  page: Page,
  opts: { email: string; fullName?: string; superuser?: boolean; active?: boolean },
) {
  const password = randomPassword()
  await page.getByRole("button", { name: "Add User" }).click()
  await page.getByPlaceholder("Email").fill(opts.email)
  if (opts.fullName) await page.getByPlaceholder("Full name").fill(opts.fullName)
  await page.getByPlaceholder("Password").first().fill(password)
  await page.getByPlaceholder("Password").last().fill(password)
  if (opts.superuser) await page.getByLabel("Is superuser?").check()
  if (opts.active) await page.getByLabel("Is active?").check()
  await page.getByRole("button", { name: "Save" }).click()
  await expect(page.getByText("User created successfully")).toBeVisible()
  await expect(page.getByRole("dialog")).not.toBeVisible()
}

test.describe("User management", () => {
  test.beforeEach(async ({ page }) => {
    await page.goto("/admin")
  })

  test("Create a new user successfully", async ({ page }) => {
    const email = randomEmail()
    await addUser(page, { email, fullName: "Test User" })
    const row = page.getByRole("row").filter({ hasText: email })
    await expect(row).toBeVisible()
    await expect(row).toContainText("Inactive")
    await expect(row).toContainText("User")
  })

  test("Create a superuser", async ({ page }) => {
    const email = randomEmail()
    await addUser(page, { email, superuser: true, active: true })
    const row = page.getByRole("row").filter({ hasText: email })
    await expect(row.getByText("Superuser")).toBeVisible()
    await expect(row.getByText("Active", { exact: true })).toBeVisible()
    await expect(row.getByText("N/A")).toBeVisible()
  })

  test("Edit a user successfully", async ({ page }) => {
    const email = randomEmail()
    await addUser(page, { email, fullName: "Original Name" })
    const row = page.getByRole("row").filter({ hasText: email })
    await row.getByRole("button").click()
    await page.getByRole("menuitem", { name: "Edit User" }).click()
    await page.getByPlaceholder("Full name").fill("Updated Name")
    await page.getByRole("button", { name: "Save" }).click()
    await expect(page.getByText("User updated successfully")).toBeVisible()
    await expect(page.getByText("Updated Name")).toBeVisible()
  })

  test("Delete a user successfully", async ({ page }) => {
    const email = randomEmail()
    await addUser(page, { email })
    const row = page.getByRole("row").filter({ hasText: email })
    await row.getByRole("button").click()
    await page.getByRole("menuitem", { name: "Delete User" }).click()
    await page.getByRole("button", { name: "Delete" }).click()
    await expect(page.getByText("The user was deleted successfully")).toBeVisible()
    await expect(page.getByRole("row").filter({ hasText: email })).toHaveCount(0)
  })

  test("Cancel user creation", async ({ page }) => {
    await page.getByRole("button", { name: "Add User" }).click()
    await page.getByPlaceholder("Email").fill("test@example.com")
    await page.getByRole("button", { name: "Cancel" }).click()
    await expect(page.getByRole("dialog")).not.toBeVisible()
  })

  test("Email is required and must be valid", async ({ page }) => {
    await page.getByRole("button", { name: "Add User" }).click()
    await page.getByPlaceholder("Email").fill("invalid-email")
    await page.getByPlaceholder("Email").blur()
    await expect(page.getByText("Invalid email address")).toBeVisible()
  })

  test("Password must be at least 8 characters", async ({ page }) => {
    await page.getByRole("button", { name: "Add User" }).click()
    await page.getByPlaceholder("Email").fill(randomEmail())
    await page.getByPlaceholder("Password").first().fill("short")
    await page.getByPlaceholder("Password").last().fill("short")
    await page.getByRole("button", { name: "Save" }).click()
    await expect(page.getByText("Password must be at least 8 characters")).toBeVisible()
  })

  test("Passwords must match", async ({ page }) => {
    await page.getByRole("button", { name: "Add User" }).click()
    await page.getByPlaceholder("Email").fill(randomEmail())
    await page.getByPlaceholder("Password").first().fill(randomPassword())
    await page.getByPlaceholder("Password").last().fill("different12345")
    await page.getByPlaceholder("Password").last().blur()
    await expect(page.getByText("The passwords don't match")).toBeVisible()
  })
})

test.describe("Admin page access control", () => {
  test.use({ storageState: { cookies: [], origins: [] } })

  test("Non-superuser cannot access admin page", async ({ page }) => {
    const user = await createUser(page)
    await logInUser(page, user.email, user.password)
    await expect(page.getByRole("link", { name: "Admin" })).toHaveCount(0)
    await page.goto("/admin")
    await expect(page.getByRole("heading", { name: "Users" })).not.toBeVisible()
    await expect(page).not.toHaveURL(/\/admin/)
  })

  test("Superuser can access admin page", async ({ page }) => {
    await logInUser(page, superuser.email, superuser.password)
    await expect(page.getByRole("link", { name: "Admin" })).toBeVisible()
    await page.goto("/admin")
    await expect(page.getByRole("heading", { name: "Users" })).toBeVisible()
  })
})
