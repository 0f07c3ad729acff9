// Regenerates the API client from openapi.json into a temporary directory and fails when it
// differs from the committed src/client (run `npm run generate-client` to refresh it).
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs"
import { tmpdir } from "node:os"
import { join, relative } from "node:path"
import { createClient } from "@hey-api/openapi-ts"
import config from "../openapi-ts.config.mjs"

const root = join(import.meta.dirname, "..")
process.chdir(root)
const committed = join(root, "src", "client")
const fresh = mkdtempSync(join(tmpdir(), "hexstack-client-"))

function listFiles(dir) {
  const out = []
  const walk = (d) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name)
      if (statSync(p).isDirectory()) walk(p)
      else out.push(relative(dir, p))
    }
  }
  walk(dir)
  return out.sort()
}

try {
  await createClient({ ...config, output: fresh })
  const a = listFiles(committed)
  const b = listFiles(fresh)
  const problems = []
  for (const f of new Set([...a, ...b])) {
    if (!a.includes(f)) problems.push(`missing in src/client: ${f}`)
    else if (!b.includes(f)) problems.push(`not generated any more: src/client/${f}`)
    else if (!readFileSync(join(committed, f)).equals(readFileSync(join(fresh, f))))
      problems.push(`differs: src/client/${f}`)
  }
  if (problems.length > 0) {
    console.error("The generated API client is stale w.r.t. openapi.json:")
    for (const p of problems) console.error(`  ${p}`)
    console.error("Run `npm run generate-client` in ui/ and commit the result.")
    process.exit(1)
  }
  console.log("API client is up to date with openapi.json")
} finally {
  rmSync(fresh, { recursive: true, force: true })
}
