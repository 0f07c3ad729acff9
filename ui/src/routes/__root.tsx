import type { QueryClient } from "@tanstack/react-query"
import { createRootRouteWithContext, Outlet } from "@tanstack/react-router"
import { Toaster } from "sonner"
import { ErrorComponent, NotFound } from "@/components/common/not-found"
import { useTheme } from "@/components/theme-provider"

function Root() {
  const { resolvedTheme } = useTheme()
  return (
    <>
      <Outlet />
      <Toaster richColors closeButton theme={resolvedTheme} />
    </>
  )
}

export const Route = createRootRouteWithContext<{ queryClient: QueryClient }>()({
  component: Root,
  notFoundComponent: NotFound,
  errorComponent: ErrorComponent,
})
