import { execFileSync } from "node:child_process"
import { randomBytes } from "node:crypto"
import { existsSync, mkdtempSync } from "node:fs"
import { tmpdir } from "node:os"
import path from "node:path"
import { defineConfig } from "@playwright/test"

// The config module is evaluated by the runner and again by every worker: the runner picks the
// ports, data dirs and superuser password once and passes them on through the environment.
// Three servers run: the main one (EMAIL_VERIFICATION=optional, the default) that most tests use,
// one with EMAIL_VERIFICATION=required for e2e/verify-email-required.spec.ts and one with
// TWO_FACTOR_REQUIRED_FOR_SUPERUSERS=true for e2e/two-factor-required.spec.ts.
const ROOT = path.resolve(import.meta.dirname, "..")
if (!process.env.E2E_PORT) {
  // all ports held open at once, so that they differ
  const [main, required, twoFactor] = execFileSync(process.execPath, [
    "-e",
    "const net=require('net');const s=[0,1,2].map(()=>net.createServer());s[0].listen(0,'127.0.0.1',()=>s[1].listen(0,'127.0.0.1',()=>s[2].listen(0,'127.0.0.1',()=>{process.stdout.write(s.map(x=>x.address().port).join(' '));s.forEach(x=>x.close())})))",
  ])
    .toString()
    .split(" ")
  process.env.E2E_PORT = main
  process.env.E2E_REQUIRED_PORT = required
  process.env.E2E_TWO_FACTOR_PORT = twoFactor
  process.env.E2E_DATA_DIR = mkdtempSync(path.join(tmpdir(), "hexstack-e2e-"))
  process.env.E2E_REQUIRED_DATA_DIR = mkdtempSync(path.join(tmpdir(), "hexstack-e2e-required-"))
  process.env.E2E_TWO_FACTOR_DATA_DIR = mkdtempSync(path.join(tmpdir(), "hexstack-e2e-2fa-"))
  process.env.FIRST_SUPERUSER ??= "admin@example.com"
  process.env.FIRST_SUPERUSER_PASSWORD ??= `pw-${randomBytes(9).toString("hex")}`
}
const port = process.env.E2E_PORT
const baseURL = `http://127.0.0.1:${port}`
process.env.PLAYWRIGHT_BASE_URL = baseURL
const requiredURL = `http://127.0.0.1:${process.env.E2E_REQUIRED_PORT}`
process.env.E2E_REQUIRED_URL = requiredURL
const twoFactorURL = `http://127.0.0.1:${process.env.E2E_TWO_FACTOR_PORT}`
process.env.E2E_TWO_FACTOR_URL = twoFactorURL
const bin = process.env.HEXSTACK_BIN ?? path.join(ROOT, "target", "debug", "hexstack")
const uiDir = path.join(import.meta.dirname, "dist")
if (!existsSync(path.join(uiDir, "index.html"))) {
  throw new Error("ui/dist is missing: run `npm run build` (or scripts/ui-build.sh) first")
}
if (!existsSync(bin)) {
  throw new Error(`hexstack binary not found at ${bin}: run \`cargo build --workspace\` first`)
}

export default defineConfig({
  testDir: "./e2e",
  globalTeardown: "./e2e/global-teardown.ts",
  fullyParallel: true,
  forbidOnly: !!process.env.CI,
  retries: 0,
  workers: process.env.CI ? 2 : undefined,
  reporter: process.env.CI ? [["list"]] : [["list"], ["html", { open: "never" }]],
  timeout: 60_000,
  expect: { timeout: 10_000 },
  use: {
    baseURL,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: "/usr/bin/chromium",
      headless: true,
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-quic",
      ],
    },
  },
  projects: [
    { name: "setup", testMatch: /.*\.setup\.ts/ },
    {
      name: "chromium",
      use: {
        browserName: "chromium",
        viewport: { width: 1280, height: 800 },
        // the superuser logged in by auth.setup.ts (AUTH_FILE in e2e/fixtures.ts)
        storageState: "playwright/.auth/user.json",
      },
      dependencies: ["setup"],
    },
  ],
  webServer: [
    server({
      name: "main",
      url: baseURL,
      dataDir: process.env.E2E_DATA_DIR ?? "",
      emailVerification: "optional",
    }),
    server({
      name: "verification-required",
      url: requiredURL,
      dataDir: process.env.E2E_REQUIRED_DATA_DIR ?? "",
      emailVerification: "required",
    }),
    server({
      name: "two-factor-required",
      url: twoFactorURL,
      dataDir: process.env.E2E_TWO_FACTOR_DATA_DIR ?? "",
      emailVerification: "optional",
      env: { TWO_FACTOR_REQUIRED_FOR_SUPERUSERS: "true" },
    }),
  ],
})

/** The real binary on `url`'s port with its own data dir (database, dev outbox). */
function server(opts: {
  name: string
  url: string
  dataDir: string
  emailVerification: "optional" | "required"
  /** Further settings of this server. */
  env?: Record<string, string>
}) {
  const port = new URL(opts.url).port
  return {
    name: opts.name,
    command: `"${bin}" serve --host 127.0.0.1 --port ${port} --data-dir "${opts.dataDir}"`,
    url: `${opts.url}/api/v1/utils/health-check/`,
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: "ignore" as const,
    stderr: "pipe" as const,
    env: {
      FASTAPI_ENV: "development",
      FIRST_SUPERUSER: process.env.FIRST_SUPERUSER ?? "",
      FIRST_SUPERUSER_PASSWORD: process.env.FIRST_SUPERUSER_PASSWORD ?? "",
      SECRET_KEY: randomBytes(32).toString("hex"),
      HEXSTACK_UI_DIR: uiDir,
      FRONTEND_HOST: opts.url,
      PROJECT_NAME: "hexstack",
      EMAIL_VERIFICATION: opts.emailVerification,
      ...opts.env,
    },
  }
}
