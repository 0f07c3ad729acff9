import { rmSync } from "node:fs"

/** Removes the run's temporary data dir (kept when E2E_KEEP_DATA is set, for debugging). */
export default function globalTeardown() {
  const dir = process.env.E2E_DATA_DIR
  if (dir && !process.env.E2E_KEEP_DATA) rmSync(dir, { recursive: true, force: true })
  else if (dir) console.log(`e2e data kept in ${dir}`)
}
