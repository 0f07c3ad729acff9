import type { Page } from "@playwright/test"
import {
  createUser,
  expect,
  logInUser,
  randomItemDescription,
  randomItemTitle,
  test,
} from "./fixtures"

test("Items page is accessible and shows correct title", async ({ page }) => {
  await page.goto("/items")
  await expect(page).toHaveTitle("Items - hexstack")
  await expect(page.getByRole("heading", { name: "Items" })).toBeVisible()
  await expect(page.getByText("Create and manage your items")).toBeVisible()
})

test("Add Item button is visible", async ({ page }) => {
  await page.goto("/items")
  await expect(page.getByRole("button", { name: "Add Item" })).toBeVisible()
})

async function addItem(page: Page, title: string, description?: string) {
  await page.getByRole("button", { name: "Add Item" }).click()
  await page.getByLabel("Title").fill(title)
  if (description !== undefined) await page.getByLabel("Description").fill(description)
  await page.getByRole("button", { name: "Save" }).click()
  await expect(page.getByText("Item created successfully")).toBeVisible()
  await expect(page.getByRole("dialog")).not.toBeVisible()
}

test.describe("Items management", () => {
  test.use({ storageState: { cookies: [], origins: [] } })
  let user: { email: string; password: string }

  test.beforeAll(async ({ browser }) => {
    const page = await browser.newPage()
    user = await createUser(page)
    await page.close()
  })

  test.beforeEach(async ({ page }) => {
    await logInUser(page, user.email, user.password)
    await page.goto("/items")
  })

  test("Create a new item successfully", async ({ page }) => {
    const title = randomItemTitle()
    const description = randomItemDescription()
    await addItem(page, title, description)
    const row = page.getByRole("row").filter({ hasText: title })
    await expect(row).toBeVisible()
    await expect(row).toContainText(description)
  })

  test("Create item with only required fields", async ({ page }) => {
    const title = randomItemTitle()
    await addItem(page, title)
    const row = page.getByRole("row").filter({ hasText: title })
    await expect(row).toBeVisible()
    await expect(row.getByText("No description")).toBeVisible()
  })

  test("Cancel item creation", async ({ page }) => {
    await page.getByRole("button", { name: "Add Item" }).click()
    await page.getByLabel("Title").fill("Test Item")
    await page.getByRole("button", { name: "Cancel" }).click()
    await expect(page.getByRole("dialog")).not.toBeVisible()
  })

  test("Title is required", async ({ page }) => {
    await page.getByRole("button", { name: "Add Item" }).click()
    await page.getByLabel("Title").fill("")
    await page.getByLabel("Title").blur()
    await expect(page.getByText("Title is required")).toBeVisible()
  })

  test.describe("Edit and Delete", () => {
    let title: string

    test.beforeEach(async ({ page }) => {
      title = randomItemTitle()
      await addItem(page, title, randomItemDescription())
    })

    test("Edit an item successfully", async ({ page }) => {
      const row = page.getByRole("row").filter({ hasText: title })
      await row.getByRole("button").last().click()
      await page.getByRole("menuitem", { name: "Edit Item" }).click()
      const newTitle = randomItemTitle()
      await page.getByLabel("Title").fill(newTitle)
      await page.getByRole("button", { name: "Save" }).click()
      await expect(page.getByText("Item updated successfully")).toBeVisible()
      await expect(page.getByText(newTitle)).toBeVisible()
      await expect(page.getByRole("dialog")).not.toBeVisible()
    })

    test("Delete an item successfully", async ({ page }) => {
      const row = page.getByRole("row").filter({ hasText: title })
      await row.getByRole("button").last().click()
      await page.getByRole("menuitem", { name: "Delete Item" }).click()
      await page.getByRole("button", { name: "Delete" }).click()
      await expect(page.getByText("The item was deleted successfully")).toBeVisible()
      await expect(page.getByText(title)).not.toBeVisible()
    })
  })
})

test.describe("Items with no data", () => {
  test.use({ storageState: { cookies: [], origins: [] } })

  test("Shows empty state message when no items exist", async ({ page }) => {
    const user = await createUser(page)
    await logInUser(page, user.email, user.password)
    await page.goto("/items")
    await expect(page.getByText("You don't have any items yet")).toBeVisible()
    await expect(page.getByText("Add a new item to get started")).toBeVisible()
  })
})

test.describe("Pagination", () => {
  test.use({ storageState: { cookies: [], origins: [] } })

  test("Pages the list client-side by 10 rows", async ({ page }) => {
    const user = await createUser(page)
    const login = await page.request.post("/api/v1/login/access-token", {
      form: { username: user.email, password: user.password },
    })
    const { access_token } = await login.json()
    for (let i = 0; i < 12; i++) {
      const res = await page.request.post("/api/v1/items/", {
        data: { title: `Paged ${String(i).padStart(2, "0")}` },
        headers: { Authorization: `Bearer ${access_token}` },
      })
      expect(res.status()).toBe(200)
    }
    await logInUser(page, user.email, user.password)
    await page.goto("/items")
    await expect(page.getByText("Showing 1 to 10 of 12 entries")).toBeVisible()
    await expect(page.getByText("Page 1 of 2")).toBeVisible()
    await expect(page.getByRole("button", { name: "Go to previous page" })).toBeDisabled()
    await page.getByRole("button", { name: "Go to next page" }).click()
    await expect(page.getByText("Showing 11 to 12 of 12 entries")).toBeVisible()
    await expect(page.getByRole("button", { name: "Go to last page" })).toBeDisabled()
    // newest first: the two oldest items are on the last page
    await expect(page.getByText("Paged 00")).toBeVisible()
  })
})
