import "@testing-library/jest-dom/vitest"
import { cleanup } from "@testing-library/react"
import { toast } from "sonner"
import { afterAll, afterEach, beforeAll } from "vitest"
import { resetSessionState } from "@/lib/session"
import { server } from "./server"

window.scrollTo = () => undefined

if (!window.matchMedia) {
  window.matchMedia = (query: string) =>
    ({
      matches: false,
      media: query,
      onchange: null,
      addEventListener: () => undefined,
      removeEventListener: () => undefined,
      addListener: () => undefined,
      removeListener: () => undefined,
      dispatchEvent: () => false,
    }) as MediaQueryList
}

beforeAll(() => server.listen({ onUnhandledRequest: "error" }))
afterEach(() => {
  cleanup()
  // sonner keeps its toasts in a module and replays the active ones to the next test's Toaster
  toast.dismiss()
  server.resetHandlers()
  localStorage.clear()
  sessionStorage.clear()
  resetSessionState()
})
afterAll(() => server.close())
