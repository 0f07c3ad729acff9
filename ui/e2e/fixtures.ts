import { readdirSync, readFileSync, statSync } from "node:fs"
import path from "node:path"
import {
  type BrowserContext,
  test as base,
  type ConsoleMessage,
  expect,
  type Page,
  type Request,
} from "@playwright/test"

export const superuser = {
  email: process.env.FIRST_SUPERUSER ?? "admin@example.com",
  password: process.env.FIRST_SUPERUSER_PASSWORD ?? "",
}

type Guard = {
  /** Declares console errors / failed requests this test provokes on purpose. */
  allowErrors: (...patterns: RegExp[]) => void
  /** A second browser context (another browser, as far as the server can tell), guarded like
   * the test's own: for the tests of several sessions of one user. */
  otherContext: BrowserContext
}

type Watcher = { allowed: RegExp[]; watch: (context: BrowserContext) => void }

/** Where the saved login of the `setup` project lives (`playwright.config.ts`). */
export const AUTH_FILE = "playwright/.auth/user.json"

/** Whether a console error is the refresh endpoint's 401: a page load without a session asks it
 * once before showing /login (docs/ui.md), which is no failure. */
function isSessionProbe(msg: ConsoleMessage): boolean {
  return /status of 401/.test(msg.text()) && msg.location().url.includes("/api/v1/login/refresh")
}

/** Whether a console error is a users-table badge asking for the security state of a user that
 * a test in another worker deleted after the list was read: the badge then shows "Unknown",
 * which is what an admin sees when another admin deletes someone meanwhile. */
function isVanishedUsersBadge(msg: ConsoleMessage): boolean {
  return (
    /status of 404/.test(msg.text()) &&
    /\/api\/v1\/users\/[0-9a-f-]{36}\/security$/.test(msg.location().url)
  )
}

/**
 * Every test fails on a console error, an uncaught page error or a failed request that it did
 * not declare with `allowErrors`.
 */
export const test = base.extend<Guard & { _guard: Watcher; _session: undefined }>({
  allowErrors: async ({ _guard }, use) => {
    await use((...patterns) => {
      _guard.allowed.push(...patterns)
    })
  },
  otherContext: async ({ browser, baseURL, viewport, _guard }, use) => {
    const context = await browser.newContext({ baseURL, viewport })
    _guard.watch(context)
    await use(context)
    await context.close()
  },
  _guard: [
    async ({ context }, use) => {
      const allowed: RegExp[] = []
      const problems: string[] = []
      const watchPage = (page: Page) => {
        // A request cancelled because the page navigated away (page.goto, or the app's own full
        // reload of /login) is not a failure: remember, for each request, how many main-frame
        // navigations had started and whether one was still in flight (not yet committed) when
        // it was issued; such a navigation aborts the old document's pending requests.
        let navigations = 0
        let navigationInFlight = false
        const issuedAt = new WeakMap<Request, { count: number; inFlight: boolean }>()
        page.on("request", (req) => {
          if (req.isNavigationRequest() && req.frame() === page.mainFrame()) {
            navigations++
            navigationInFlight = true
          }
          issuedAt.set(req, { count: navigations, inFlight: navigationInFlight })
        })
        page.on("framenavigated", (frame) => {
          if (frame === page.mainFrame()) navigationInFlight = false
        })
        page.on("console", (msg) => {
          if (msg.type() === "error" && !isSessionProbe(msg) && !isVanishedUsersBadge(msg)) {
            problems.push(`console error: ${msg.text()}`)
          }
        })
        page.on("pageerror", (err) => problems.push(`page error: ${err.message}`))
        page.on("requestfailed", (req) => {
          const error = req.failure()?.errorText ?? ""
          const issued = issuedAt.get(req)
          const cancelledByNavigation =
            error === "net::ERR_ABORTED" &&
            issued !== undefined &&
            (navigations > issued.count || issued.inFlight)
          if (!cancelledByNavigation) {
            problems.push(`request failed: ${req.method()} ${req.url()} ${error}`)
          }
        })
      }
      const watch = (ctx: BrowserContext) => {
        ctx.pages().forEach(watchPage)
        ctx.on("page", watchPage)
      }
      watch(context)
      await use({ allowed, watch })
      const unexpected = problems.filter((p) => !allowed.some((re) => re.test(p)))
      expect(unexpected, "unexpected console errors or failed requests").toEqual([])
    },
    { auto: true },
  ],
  // A refresh cookie is single-use: the server rotates it on every refresh and ends the whole
  // session when a rotated one comes back. The cookie saved by the setup project can thus serve
  // one page load only, so every test that starts "logged in as the superuser" gets a session of
  // its own: one login through the API, whose cookie lands in the test's browser context.
  _session: [
    async ({ storageState, context }, use) => {
      if (typeof storageState === "string") {
        const res = await context.request.post("/api/v1/login/session", {
          form: { username: superuser.email, password: superuser.password },
        })
        expect(res.status(), await res.text()).toBe(200)
      }
      await use(undefined)
    },
    { auto: true },
  ],
})

export { expect }

export const httpError = (status: number) =>
  new RegExp(`Failed to load resource: the server responded with a status of ${status}`)

export function randomId(): string {
  return Math.random().toString(36).slice(2, 10)
}
export const randomEmail = () => `test_${randomId()}@example.com`
export const randomPassword = () => `${randomId()}${randomId()}`
export const randomItemTitle = () => `Item ${randomId()}`
export const randomItemDescription = () => `Description ${randomId()}`

/** A user created through the development-only private API. */
export async function createUser(
  page: Page,
  fields: { email?: string; password?: string; full_name?: string } = {},
) {
  const user = {
    email: fields.email ?? randomEmail(),
    password: fields.password ?? randomPassword(),
    full_name: fields.full_name ?? "Test User",
    is_verified: true,
  }
  const res = await page.request.post("/api/v1/private/users/", { data: user })
  expect(res.status(), await res.text()).toBe(200)
  return user
}

export async function logInUser(page: Page, email: string, password: string) {
  await page.goto("/login")
  await page.getByTestId("email-input").fill(email)
  await page.getByTestId("password-input").fill(password)
  await page.getByRole("button", { name: "Log In" }).click()
  await page.waitForURL("/")
  await expect(page.getByText("Welcome back, nice to see you again!")).toBeVisible()
}

/** Every localStorage and sessionStorage entry of the page's origin, as `area:key=value`. */
export async function webStorage(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    (["localStorage", "sessionStorage"] as const).flatMap((area) => {
      const storage = window[area]
      return Array.from({ length: storage.length }, (_, i) => {
        const key = storage.key(i) ?? ""
        return `${area}:${key}=${storage.getItem(key)}`
      })
    }),
  )
}

export async function logOutUser(page: Page) {
  await page.getByTestId("user-menu").click()
  await page.getByRole("menuitem", { name: "Log out" }).click()
  await page.waitForURL("/login")
}

export async function signUpNewUser(page: Page, name: string, email: string, password: string) {
  await page.goto("/signup")
  await page.getByTestId("full-name-input").fill(name)
  await page.getByTestId("email-input").fill(email)
  await page.getByTestId("password-input").fill(password)
  await page.getByTestId("confirm-password-input").fill(password)
  await page.getByRole("button", { name: "Sign Up" }).click()
  await page.waitForURL("/login")
}

/** Decodes a quoted-printable body (soft line breaks and =XX escapes). */
export function decodeQuotedPrintable(text: string): string {
  return text
    .replace(/=\r?\n/g, "")
    .replace(/=([0-9A-F]{2})/gi, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)))
}

function headerValue(raw: string, name: string): string {
  const head = raw.split(/\r?\n\r?\n/)[0] ?? ""
  const unfolded = head.replace(/\r?\n[ \t]+/g, " ")
  const line = unfolded
    .split(/\r?\n/)
    .find((l) => l.toLowerCase().startsWith(`${name.toLowerCase()}:`))
  return line ? line.slice(name.length + 1).trim() : ""
}

/** Polls the dev outbox for the newest message to `email` and returns its reset-password path. */
export async function waitForResetLink(email: string, timeoutMs = 20_000): Promise<string> {
  const dir = path.join(process.env.E2E_DATA_DIR ?? "", "outbox")
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    let files: { file: string; mtime: number }[] = []
    try {
      files = readdirSync(dir)
        .filter((f) => f.endsWith(".eml"))
        .map((f) => ({ file: path.join(dir, f), mtime: statSync(path.join(dir, f)).mtimeMs }))
        .sort((a, b) => b.mtime - a.mtime)
    } catch {
      files = []
    }
    for (const { file } of files) {
      const raw = readFileSync(file, "utf8")
      if (!headerValue(raw, "To").toLowerCase().includes(email.toLowerCase())) continue
      const match = decodeQuotedPrintable(raw).match(/\/reset-password\?token=[^"\s<]+/)
      if (match) return match[0].replace(/&amp;/g, "&")
    }
    await new Promise((r) => setTimeout(r, 250))
  }
  throw new Error(`no password recovery email for ${email} in ${dir}`)
}

/** The `/verify-email?token=...` paths of the verification emails to `email` in the outbox of
 * the server whose data dir is `dataDir`, newest first (the file names start with the time). */
export function verificationLinks(email: string, dataDir: string): string[] {
  const dir = path.join(dataDir, "outbox")
  let files: string[] = []
  try {
    files = readdirSync(dir)
      .filter((f) => f.endsWith(".eml"))
      .sort()
      .reverse()
  } catch {
    files = []
  }
  const links: string[] = []
  for (const file of files) {
    const raw = readFileSync(path.join(dir, file), "utf8")
    if (!headerValue(raw, "To").toLowerCase().includes(email.toLowerCase())) continue
    if (!headerValue(raw, "Subject").includes("Verify your email")) continue
    const match = decodeQuotedPrintable(raw).match(/\/verify-email\?token=[^"\s<]+/)
    if (match) links.push(match[0].replace(/&amp;/g, "&"))
  }
  return links
}

/** Polls the outbox until `count` verification emails to `email` have arrived (the sign-up's is
 * the first) and returns the newest one's path. `dataDir` is the server's (default: the main
 * e2e server's). */
export async function waitForVerificationLink(
  email: string,
  { count = 1, dataDir = process.env.E2E_DATA_DIR ?? "", timeoutMs = 20_000 } = {},
): Promise<string> {
  const deadline = Date.now() + timeoutMs
  let links: string[] = []
  while (Date.now() < deadline) {
    links = verificationLinks(email, dataDir)
    if (links.length >= count) return links[0]
    await new Promise((r) => setTimeout(r, 250))
  }
  throw new Error(
    `${links.length} of ${count} verification emails for ${email} in ${dataDir}/outbox`,
  )
}

/** A user signed up through `POST /users/signup`, as the sign-up page does (so with an
 * unverified email and a verification email on its way). */
export async function signUpUser(page: Page, fields: { email?: string; password?: string } = {}) {
  const user = {
    email: fields.email ?? randomEmail(),
    password: fields.password ?? randomPassword(),
    full_name: "Signed Up",
  }
  const res = await page.request.post("/api/v1/users/signup", { data: user })
  expect(res.status(), await res.text()).toBe(200)
  return user
}

/** A failed login of `email` through the API (no browser console error). */
export async function failLogin(page: Page, email: string) {
  const res = await page.request.post("/api/v1/login/access-token", {
    form: { username: email, password: randomPassword() },
  })
  expect(res.status(), await res.text()).toBe(400)
}
