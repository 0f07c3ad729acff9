import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from "@tanstack/react-query"
import { createRouter, type RouterHistory, RouterProvider } from "@tanstack/react-router"
import * as React from "react"
import { ThemeProvider } from "@/components/theme-provider"
import { isAuthError } from "@/lib/api"
import { endSessionAndReload } from "@/lib/session"
import {
  ENROLMENT_PATH,
  isEnrolmentRequired,
  onEnrolmentRequired,
  requireEnrolment,
} from "@/lib/two-factor"
import { routeTree } from "./routeTree.gen"

/** Global 401/403 rule (ui.md 1.2): log out and do a full page load of /login. It sees an error
 * only after the client renewed the token and retried once (`lib/session.ts`), so the session is
 * either over or the refusal stands with a fresh token (then the session is ended on the server
 * too, so that the reload does not restore it). A superuser who must enrol in two-factor first
 * stays logged in and is sent to the enrolment page instead. */
export function handleApiError(error: unknown) {
  if (isEnrolmentRequired(error)) requireEnrolment()
  else if (isAuthError(error)) void endSessionAndReload()
}

export function createQueryClient() {
  return new QueryClient({
    queryCache: new QueryCache({ onError: handleApiError }),
    mutationCache: new MutationCache({ onError: handleApiError }),
    defaultOptions: { queries: { retry: false, refetchOnWindowFocus: false } },
  })
}

export function createAppRouter(queryClient: QueryClient, history?: RouterHistory) {
  return createRouter({ routeTree, context: { queryClient }, history })
}

declare module "@tanstack/react-router" {
  interface Register {
    router: ReturnType<typeof createAppRouter>
  }
}

export function App({
  queryClient,
  router,
}: {
  queryClient: QueryClient
  router: ReturnType<typeof createAppRouter>
}) {
  // the enrolment page, once, however many requests were refused together
  React.useEffect(
    () =>
      onEnrolmentRequired(() => {
        if (router.state.location.pathname !== ENROLMENT_PATH) {
          void router.navigate({ to: ENROLMENT_PATH })
        }
      }),
    [router],
  )
  return (
    <ThemeProvider defaultTheme="dark">
      <QueryClientProvider client={queryClient}>
        <RouterProvider router={router} />
      </QueryClientProvider>
    </ThemeProvider>
  )
}
