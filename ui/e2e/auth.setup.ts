import { AUTH_FILE, expect, logInUser, superuser, test } from "./fixtures"

// Logs in through the UI and saves the browser state: the HttpOnly refresh cookie (the access
// token lives in the page's memory only). Tests starting from this state get a session of their
// own on top of it (`_session` in fixtures.ts), since a refresh cookie serves one page load.
test("authenticate", async ({ page }) => {
  await logInUser(page, superuser.email, superuser.password)
  const state = await page.context().storageState({ path: AUTH_FILE })
  const refresh = state.cookies.filter((c) => c.path === "/api/v1/login")
  expect(refresh).toHaveLength(1)
  expect(refresh[0]).toMatchObject({ httpOnly: true, sameSite: "Strict" })
  const stored = state.origins.flatMap((o) => o.localStorage.map((e) => e.value))
  expect(stored.some((v) => /^[\w-]+\.[\w-]+\.[\w-]+$/.test(v))).toBe(false)
})
