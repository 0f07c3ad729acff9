// Prints the size of the JS and CSS emitted by `vite build`, raw and gzipped: the entry chunk that
// index.html loads, and the total including the lazily loaded route chunks.
import { readdirSync, readFileSync, statSync } from "node:fs"
import { join } from "node:path"
import { gzipSync } from "node:zlib"

const dist = join(import.meta.dirname, "..", "dist")
const dir = join(dist, "assets")
const kb = (n) => `${(n / 1024).toFixed(1)} kB`
const size = (buf) => ({ raw: buf.length, gz: gzipSync(buf, { level: 9 }).length })

const total = { js: { raw: 0, gz: 0 }, css: { raw: 0, gz: 0 } }
for (const name of readdirSync(dir)) {
  const path = join(dir, name)
  if (!statSync(path).isFile()) continue
  const kind = name.endsWith(".js") ? "js" : name.endsWith(".css") ? "css" : null
  if (!kind) continue
  const s = size(readFileSync(path))
  total[kind].raw += s.raw
  total[kind].gz += s.gz
}
const html = readFileSync(join(dist, "index.html"), "utf8")
const entry = html.match(/<script type="module"[^>]*src="\/(assets\/[^"]+\.js)"/)?.[1]
const entrySize = entry ? size(readFileSync(join(dist, entry))) : null

console.log("bundle size (gzip):")
if (entrySize) console.log(`  entry JS  ${kb(entrySize.gz)} (raw ${kb(entrySize.raw)}) ${entry}`)
console.log(`  all JS    ${kb(total.js.gz)} (raw ${kb(total.js.raw)})`)
console.log(`  all CSS   ${kb(total.css.gz)} (raw ${kb(total.css.raw)})`)
