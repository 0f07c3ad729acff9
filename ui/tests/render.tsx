import { createMemoryHistory } from "@tanstack/react-router"
import { render } from "@testing-library/react"
import { App, createAppRouter, createQueryClient } from "@/app"
import { configureClient } from "@/lib/api"

configureClient()

export function renderApp(path: string) {
  const queryClient = createQueryClient()
  const history = createMemoryHistory({ initialEntries: [path] })
  const router = createAppRouter(queryClient, history)
  const result = render(<App queryClient={queryClient} router={router} />)
  return { ...result, router, queryClient }
}
