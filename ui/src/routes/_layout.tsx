import { createFileRoute, Outlet, redirect } from "@tanstack/react-router"
import { Footer } from "@/components/common/footer"
import { AppSidebar, SidebarProvider, SidebarTrigger } from "@/components/common/sidebar"
import { VerifyEmailBanner } from "@/components/common/verify-email-banner"
import { ensureSession } from "@/lib/session"

export const Route = createFileRoute("/_layout")({
  component: Layout,
  // after a reload the session is restored from the refresh cookie before deciding
  beforeLoad: async () => {
    if (!(await ensureSession())) throw redirect({ to: "/login" })
  },
})

function Layout() {
  return (
    <SidebarProvider>
      <div className="flex min-h-svh w-full">
        <AppSidebar />
        <div className="flex min-w-0 flex-1 flex-col">
          <header className="sticky top-0 z-10 flex h-14 shrink-0 items-center gap-2 border-b bg-background/95 px-4 backdrop-blur">
            <SidebarTrigger />
          </header>
          <VerifyEmailBanner />
          <main className="flex-1 p-4 md:p-8">
            <div className="mx-auto w-full max-w-7xl">
              <Outlet />
            </div>
          </main>
          <Footer />
        </div>
      </div>
    </SidebarProvider>
  )
}
