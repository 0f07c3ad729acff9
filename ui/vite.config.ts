/// <reference types="vitest/config" />

import { readFileSync } from "node:fs"
import path from "node:path"
import tailwindcss from "@tailwindcss/vite"
import { tanstackRouter } from "@tanstack/router-plugin/vite"
import react from "@vitejs/plugin-react"
import { defineConfig } from "vite"

/** `[workspace.package] repository` of the root Cargo.toml, the one place the URL is written:
 * the footer links to it (src/lib/project.ts). */
function workspaceRepository(): string {
  const toml = readFileSync(path.resolve(import.meta.dirname, "..", "Cargo.toml"), "utf8")
  const section = toml.split(/^\[/m).find((s) => s.startsWith("workspace.package]"))
  const url = section?.match(/^repository\s*=\s*"([^"]+)"/m)?.[1]
  if (!url) throw new Error("../Cargo.toml has no [workspace.package] repository")
  return url
}

export default defineConfig({
  define: { __HEXSTACK_REPOSITORY__: JSON.stringify(workspaceRepository()) },
  plugins: [tanstackRouter({ target: "react", autoCodeSplitting: true }), react(), tailwindcss()],
  resolve: {
    alias: { "@": path.resolve(import.meta.dirname, "src") },
  },
  build: {
    outDir: "dist",
    emptyOutDir: true,
  },
  test: {
    environment: "jsdom",
    globals: false,
    setupFiles: ["./tests/setup.ts"],
    include: ["tests/**/*.test.{ts,tsx}"],
    css: false,
    env: { VITE_API_URL: "http://localhost:3000" },
  },
})
