import { rmSync } from "node:fs"

/** Removes the run's temporary data dirs, one per server (kept when E2E_KEEP_DATA is set, for
 * debugging). */
export default function globalTeardown() {
  for (const dir of [
    process.env.E2E_DATA_DIR,
    process.env.E2E_REQUIRED_DATA_DIR,
    process.env.E2E_TWO_FACTOR_DATA_DIR,
  ]) {
    if (dir && !process.env.E2E_KEEP_DATA) rmSync(dir, { recursive: true, force: true })
    else if (dir) console.log(`e2e data kept in ${dir}`)
  }
}
