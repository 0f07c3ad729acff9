/**
 * The project's name (`PROJECT_NAME`) and links, shown by titles, the logo and the footer.
 *
 * The server already publishes its name as the OpenAPI document's `info.title` (api.md 4), so the
 * app reads it from there once per page load rather than baking it into the build: one setting
 * names the API docs, the emails and the web app alike, however the bundle is served (by
 * `hexstack serve`, by the Vite dev server against `VITE_API_URL`, or by any static server).
 * Until the document arrives, or when it cannot be read (a dev server without an API answers
 * `index.html`), the name is `hexstack`.
 *
 * The name is kept outside the TanStack Query cache on purpose: it does not depend on who is
 * logged in, and login and logout clear that cache.
 */
import { useSyncExternalStore } from "react"
import { client } from "@/client/client.gen"

export const DEFAULT_PROJECT_NAME = "hexstack"

/** Where the OpenAPI document lives (api.md 1: always served, in every environment). */
export const OPENAPI_PATH = "/api/v1/openapi.json"

/** The source repository, read at build time from the root Cargo.toml (`vite.config.ts`). */
export const REPOSITORY_URL: string = __HEXSTACK_REPOSITORY__

function titleOf(document: unknown): string | undefined {
  if (typeof document !== "object" || document === null || !("info" in document)) return undefined
  const info = document.info
  if (typeof info !== "object" || info === null || !("title" in info)) return undefined
  return typeof info.title === "string" && info.title.trim() !== "" ? info.title : undefined
}

/** `info.title` of the API's OpenAPI document, or the default when there is none to read. */
export async function fetchProjectName(): Promise<string> {
  try {
    // `unknown`: a dev server without an API answers its index.html here, parsed as text
    const { data } = await client.get<{ 200: unknown }, unknown, true>({
      url: OPENAPI_PATH,
      throwOnError: true,
    })
    return titleOf(data) ?? DEFAULT_PROJECT_NAME
  } catch {
    return DEFAULT_PROJECT_NAME
  }
}

let projectName = DEFAULT_PROJECT_NAME
let requested = false
const listeners = new Set<() => void>()

function subscribe(listener: () => void) {
  listeners.add(listener)
  if (!requested) {
    requested = true
    void fetchProjectName().then((name) => {
      projectName = name
      for (const notify of listeners) notify()
    })
  }
  return () => {
    listeners.delete(listener)
  }
}

/** The project's name; the first component that asks starts the one read of the document. */
export function useProjectName(): string {
  return useSyncExternalStore(
    subscribe,
    () => projectName,
    () => projectName,
  )
}
